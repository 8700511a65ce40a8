/*
 * Builds the development host's browser side the way Kibana's optimizer does:
 * - `kbn-ui-shared-deps.js`: React, EUI, react-router, i18n... at the versions Kibana ships, exposed as
 *   `window.__kbnSharedDeps__` (shared_deps/shared_deps_entry.ts);
 * - `migrationAssistant.plugin.js`: public/ with Kibana's externals (shared_deps/kibana_shared_deps.ts):
 *   an import of a shared dependency reads `__kbnSharedDeps__`, never the plugin's own copy, so an API
 *   that Kibana's version lacks is missing here too; the bundle registers the plugin in
 *   `__kbnBundles__`, where core finds it;
 * - `core.js`: the host's Stack Management page (Kibana's core), on the same shared dependencies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, BuildOptions, Plugin } from 'esbuild';
import { REPO_ROOT } from '../es/testbed_config';
import { KIBANA_SHARED_DEPS_EXTERNALS, sharedDepGlobal } from './shared_deps/kibana_shared_deps';

export const BUNDLE_DIR = path.join(REPO_ROOT, 'target', 'host_bundle');

/** The scripts the page loads, in order. */
export const HOST_SCRIPTS = ['kbn-ui-shared-deps.js', 'migrationAssistant.plugin.js', 'core.js'];
export const PLUGIN_BUNDLE_ID = 'plugin/migrationAssistant/public';

/** The globals shared_deps_entry.ts defines; read from its source so the two cannot drift. */
export const providedGlobals = (): Set<string> => {
  const source = fs.readFileSync(path.join(__dirname, 'shared_deps', 'shared_deps_entry.ts'), 'utf8');
  const object = source.slice(source.indexOf('const sharedDeps'));
  return new Set([...object.matchAll(/^ {2}(\w+),$/gm)].map((match) => match[1] as string));
};

/**
 * Kibana's webpack externals as an esbuild plugin: an import of exactly a shared name becomes a read of
 * `window.__kbnSharedDeps__`. A shared name the host does not provide fails the build, naming it.
 */
export const kbnSharedDepsExternals = (provided: Set<string>): Plugin => ({
  name: 'kbn-shared-deps-externals',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
      const global = sharedDepGlobal(args.path);
      if (!global) return undefined;
      if (!provided.has(global)) {
        return { errors: [{ text: `"${args.path}" is one of Kibana's shared dependencies (${KIBANA_SHARED_DEPS_EXTERNALS[args.path]}), but the development host does not provide it: add it to dev/host/shared_deps/shared_deps_entry.ts at Kibana's version.` }] };
      }
      return { path: args.path, namespace: 'kbn-shared-deps', pluginData: global };
    });
    pluginBuild.onLoad({ filter: /.*/, namespace: 'kbn-shared-deps' }, (args) => ({
      contents: `module.exports = window.__kbnSharedDeps__[${JSON.stringify(args.pluginData)}];`,
      loader: 'js',
    }));
  },
});

/*
 * EUI loads icons with dynamic imports that a single bundle cannot resolve; Kibana pre-registers them.
 * This virtual module registers every icon of EUI's icon map in EUI's icon cache.
 */
const euiIcons: Plugin = {
  name: 'eui-icons',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^virtual:eui-icons$/ }, () => ({ path: 'eui-icons', namespace: 'virtual' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'virtual' }, () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { typeToPathMap } = require('@elastic/eui/lib/components/icon/icon_map') as { typeToPathMap: Record<string, string> };
      const entries = Object.entries(typeToPathMap);
      const imports = entries.map(([, file], i) => `import { icon as i${i} } from '@elastic/eui/es/components/icon/assets/${file}';`);
      const cache = entries.map(([type], i) => `${JSON.stringify(type)}: i${i}`).join(',\n');
      return {
        contents: `${imports.join('\n')}\nimport { appendIconComponentCache } from '@elastic/eui/es/components/icon/icon';\nappendIconComponentCache({\n${cache}\n});\n`,
        resolveDir: REPO_ROOT,
        loader: 'js',
      };
    });
  },
};

/** The plugin bundle's entry: public/index.ts registered under its bundle id, as Kibana's bundles are. */
const pluginEntry: Plugin = {
  name: 'plugin-entry',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^virtual:plugin-entry$/ }, () => ({ path: 'plugin-entry', namespace: 'plugin-entry' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'plugin-entry' }, () => ({
      contents: `import * as plugin from './public';\nwindow.__kbnBundles__.define(${JSON.stringify(PLUGIN_BUNDLE_ID)}, () => plugin);\n`,
      resolveDir: REPO_ROOT,
      loader: 'ts',
    }));
  },
};

const common: BuildOptions = {
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  sourcemap: false,
  logLevel: 'silent',
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'file', '.png': 'file' },
};

export const buildApp = async (outdir = BUNDLE_DIR): Promise<string> => {
  const externals = kbnSharedDepsExternals(providedGlobals());
  await Promise.all([
    // Kibana's shared dependencies, with the host's @kbn stand-ins.
    build({
      ...common,
      entryPoints: { 'kbn-ui-shared-deps': path.join(__dirname, 'shared_deps', 'shared_deps_entry.ts') },
      outdir,
      plugins: [euiIcons],
      tsconfig: path.join(__dirname, 'tsconfig.runtime.json'),
    }),
    // The plugin, as plugin-helpers builds it: shared dependencies left to Kibana.
    build({
      ...common,
      entryPoints: { 'migrationAssistant.plugin': 'virtual:plugin-entry' },
      outdir,
      plugins: [pluginEntry, externals],
      tsconfig: path.join(REPO_ROOT, 'tsconfig.json'),
    }),
    // The host's Stack Management page.
    build({
      ...common,
      entryPoints: { core: path.join(__dirname, 'browser', 'index.tsx') },
      outdir,
      plugins: [externals],
      tsconfig: path.join(REPO_ROOT, 'tsconfig.json'),
    }),
  ]);
  return outdir;
};

if (require.main === module) {
  buildApp().then((dir) => console.log(`Built the management app into ${dir}`), (error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
