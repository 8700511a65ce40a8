/*
 * Bundles the development host's page and the plugin's browser side with esbuild. Kibana's shared
 * dependencies (React, EUI, i18n...) are bundled in here because no Kibana provides them.
 */
import path from 'node:path';
import { build, Plugin } from 'esbuild';
import { REPO_ROOT } from '../es/testbed_config';

export const BUNDLE_DIR = path.join(REPO_ROOT, 'target', 'host_bundle');

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

export const buildApp = async (outdir = BUNDLE_DIR): Promise<string> => {
  await build({
    entryPoints: { app: path.join(REPO_ROOT, 'dev', 'host', 'browser', 'index.tsx') },
    bundle: true,
    outdir,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: false,
    logLevel: 'error',
    plugins: [euiIcons],
    tsconfig: path.join(REPO_ROOT, 'dev', 'host', 'tsconfig.runtime.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'file', '.png': 'file' },
  });
  return outdir;
};

if (require.main === module) {
  buildApp().then((dir) => console.log(`Built the management app into ${dir}`), (error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
