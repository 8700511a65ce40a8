/*
 * What public/ imports, as a bundler sees it (type-only imports erased): every package must be one
 * Kibana shares with plugins (left to `__kbnSharedDeps__`) or one the plugin bundles itself, listed with
 * its size. A package outside both would be missing, or a second copy, inside Kibana.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, Plugin } from 'esbuild';
import {
  KIBANA_SHARED_DEPS_EXTERNALS,
  KIBANA_SHARED_DEP_VERSIONS,
  PLUGIN_BUNDLED_DEPENDENCIES,
  sharedDepGlobal,
} from '../../dev/host/shared_deps/kibana_shared_deps';

const root = path.join(__dirname, '..', '..');

/** Bare imports reachable from public/index.ts, each with the files importing it. */
const publicImports = async (): Promise<Map<string, Set<string>>> => {
  const found = new Map<string, Set<string>>();
  const record: Plugin = {
    name: 'record-bare-imports',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
        if (!found.has(args.path)) found.set(args.path, new Set());
        found.get(args.path)?.add(path.relative(root, args.importer));
        return { path: args.path, external: true };
      });
    },
  };
  await build({
    entryPoints: [path.join(root, 'public', 'index.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    tsconfig: path.join(root, 'tsconfig.json'),
    plugins: [record],
  });
  return found;
};

const minifiedSize = async (name: string): Promise<number> => {
  const result = await build({
    stdin: { contents: `export * from ${JSON.stringify(name)};`, resolveDir: root },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    // What the bundled package itself imports from Kibana's shared dependencies is not counted.
    plugins: [{ name: 'shared', setup: (b) => b.onResolve({ filter: /^[^./]/ }, (args) => (sharedDepGlobal(args.path) ? { path: args.path, external: true } : undefined)) }],
  });
  return result.outputFiles[0]?.contents.byteLength ?? 0;
};

describe('what public/ imports', () => {
  let imports: Map<string, Set<string>>;
  beforeAll(async () => {
    imports = await publicImports();
  }, 60_000);

  it('is only what Kibana shares or what the plugin bundles', () => {
    const bundled = new Set(PLUGIN_BUNDLED_DEPENDENCIES.map((dependency) => dependency.name));
    const refused = [...imports].filter(([name]) => !(name in KIBANA_SHARED_DEPS_EXTERNALS) && !bundled.has(name)).map(([name, files]) => `${name} (imported by ${[...files].join(', ')})`);
    expect(refused).toEqual([]);
    // The audit sees what it should: the app's router and UI come from Kibana.
    expect([...imports.keys()]).toEqual(expect.arrayContaining(['react', 'react-dom', 'react-router-dom', '@elastic/eui', '@kbn/i18n']));
  });

  it('never mounts with react-dom/client, which is not shared and does not exist in React 17 (Kibana 8.19)', () => {
    expect(imports.has('react-dom/client')).toBe(false);
  });

  it('uses no React 18-only API, so one bundle runs on Kibana 8.19 (React 17) and 9.1+ (React 18)', () => {
    const react18Only = /\b(useId|useTransition|useDeferredValue|useSyncExternalStore|useInsertionEffect|startTransition|createRoot|hydrateRoot)\b/;
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'test_helpers' ? [] : sources(full);
        return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
      });
    const offending = sources(path.join(root, 'public')).filter((file) => react18Only.test(fs.readFileSync(file, 'utf8')));
    expect(offending.map((file) => path.relative(root, file))).toEqual([]);
  });

  it.each(PLUGIN_BUNDLED_DEPENDENCIES.map((dependency) => [dependency.name, dependency.maxBytes] as const))('bundles %s within %d bytes', async (name, maxBytes) => {
    expect(imports.has(name)).toBe(true);
    const size = await minifiedSize(name);
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThanOrEqual(maxBytes);
  });
});

describe('shared dependency versions', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const pinned = { ...manifest.devDependencies, ...manifest.dependencies } as Record<string, string>;

  it.each(KIBANA_SHARED_DEP_VERSIONS.map((dependency) => [dependency.name, dependency.kibana] as const))('package.json pins %s to Kibana’s %s, and that is what is installed', (name, version) => {
    expect(pinned[name]).toBe(version);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version).toBe(version);
  });

  it('the README table lists each of them with Kibana’s version and ours', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const { name, kibana } of KIBANA_SHARED_DEP_VERSIONS) expect(readme).toMatch(new RegExp(`\\| \`${name.replace(/[/.]/g, '\\$&')}\` \\| ${kibana.replace(/\./g, '\\.')} \\|`));
  });
});
