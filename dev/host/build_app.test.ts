/*
 * The host builds the plugin as Kibana does: a shared dependency is Kibana's copy, not the plugin's.
 * So an API Kibana's version lacks is missing in the host too (react-router-dom is v5 in Kibana: no
 * `Routes`), and a shared name the host does not provide fails the build instead of being bundled.
 */
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { kbnSharedDepsExternals, providedGlobals } from './build_app';

const bundle = async (contents: string, provided = providedGlobals()) => {
  const result = await build({
    stdin: { contents, resolveDir: __dirname, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
    plugins: [kbnSharedDepsExternals(provided)],
  });
  return result.outputFiles[0]?.text ?? '';
};

/** Runs a bundle with `window.__kbnSharedDeps__` holding the installed (Kibana-pinned) packages. */
const run = (code: string) => {
  const window: Record<string, unknown> = {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    __kbnSharedDeps__: { React: require('react'), ReactRouterDom: require('react-router-dom'), ReactRouterDomV5Compat: require('react-router-dom-v5-compat') },
  };
  vm.runInNewContext(code, { window });
  return window.result;
};

describe('the host’s plugin build', () => {
  it('gives the plugin Kibana’s react-router-dom (v5): the v6 API is missing, as in Kibana', async () => {
    const code = await bundle(`import { Routes, Switch, Router } from 'react-router-dom'; window.result = [typeof Routes, typeof Switch, typeof Router];`);
    expect(code).toContain('__kbnSharedDeps__');
    expect(run(code)).toEqual(['undefined', 'function', 'function']);
  });

  it('offers the v6 API only under react-router-dom-v5-compat, as Kibana does', async () => {
    const code = await bundle(`import { Routes } from 'react-router-dom-v5-compat'; window.result = typeof Routes;`);
    expect(run(code)).toBe('function');
  });

  it('leaves no copy of a shared dependency in the plugin’s bundle', async () => {
    const code = await bundle(`import React from 'react'; window.result = typeof React.createElement;`);
    expect(code).not.toMatch(/react\.production|react\.development|createElement:/);
    expect(run(code)).toBe('function');
  });

  it('fails the build on a shared dependency the host does not provide, naming it', async () => {
    await expect(bundle(`import { debounce } from 'lodash'; window.result = debounce;`)).rejects.toThrow(/"lodash" is one of Kibana's shared dependencies \(__kbnSharedDeps__\.Lodash\), but the development host does not provide it/);
  });

  it('provides every shared name its entry lists, read from the entry itself', () => {
    expect([...providedGlobals()]).toEqual(expect.arrayContaining(['React', 'ReactDom', 'ReactRouterDom', 'ReactRouterDomV5Compat', 'ElasticEui', 'ElasticCharts', 'KbnI18n', 'KbnI18nReact', 'KbnReactKibanaContextRender']));
    expect(path.basename(__filename)).toBe('build_app.test.ts');
  });
});
