/*
 * What Kibana gives a plugin's browser bundle instead of bundling it: the externals of
 * `@kbn/ui-shared-deps-src` (src/platform/packages/private/kbn-ui-shared-deps-src/src/definitions.js,
 * 9.x), import name → global. Kibana's optimizer (and `plugin-helpers build`) replaces an import of
 * exactly one of these names with the global; any other import is bundled into the plugin. The host
 * builds the plugin the same way (build_app.ts), and test/unit/public_imports.test.ts refuses an import
 * that is neither shared nor one of the plugin's own bundled dependencies.
 */
export const KIBANA_SHARED_DEPS_EXTERNALS: Readonly<Record<string, string>> = {
  // stateful deps
  '@kbn/ui-theme': '__kbnSharedDeps__.KbnUiTheme',
  '@kbn/i18n': '__kbnSharedDeps__.KbnI18n',
  '@kbn/i18n-react': '__kbnSharedDeps__.KbnI18nReact',
  '@emotion/cache': '__kbnSharedDeps__.EmotionCache',
  '@emotion/react': '__kbnSharedDeps__.EmotionReact',
  jquery: '__kbnSharedDeps__.Jquery',
  moment: '__kbnSharedDeps__.Moment',
  'moment-timezone': '__kbnSharedDeps__.MomentTimezone',
  react: '__kbnSharedDeps__.React',
  'react-dom': '__kbnSharedDeps__.ReactDom',
  'react-dom/server': '__kbnSharedDeps__.ReactDomServer',
  'react-router': '__kbnSharedDeps__.ReactRouter',
  'react-router-dom': '__kbnSharedDeps__.ReactRouterDom',
  'react-router-dom-v5-compat': '__kbnSharedDeps__.ReactRouterDomV5Compat',
  'styled-components': '__kbnSharedDeps__.StyledComponents',
  '@kbn/monaco': '__kbnSharedDeps__.KbnMonaco',
  'monaco-editor/esm/vs/editor/editor.api': '__kbnSharedDeps__.MonacoBarePluginApi',
  'io-ts': '__kbnSharedDeps__.IoTs',
  '@reduxjs/toolkit': '__kbnSharedDeps__.ReduxjsToolkit',
  'react-redux': '__kbnSharedDeps__.ReactRedux',
  redux: '__kbnSharedDeps__.Redux',
  immer: '__kbnSharedDeps__.Immer',
  reselect: '__kbnSharedDeps__.Reselect',
  'fastest-levenshtein': '__kbnSharedDeps__.FastestLevenshtein',
  // big deps locked to a single version
  rxjs: '__kbnSharedDeps__.Rxjs',
  numeral: '__kbnSharedDeps__.ElasticNumeral',
  '@elastic/numeral': '__kbnSharedDeps__.ElasticNumeral',
  '@elastic/charts': '__kbnSharedDeps__.ElasticCharts',
  '@kbn/datemath': '__kbnSharedDeps__.KbnDatemath',
  '@elastic/eui': '__kbnSharedDeps__.ElasticEui',
  '@elastic/eui/lib/components/provider/nested': '__kbnSharedDeps__.ElasticEuiLibComponentsUseIsNestedEuiProvider',
  '@elastic/eui/lib/services/theme/warning': '__kbnSharedDeps__.ElasticEuiLibServicesThemeWarning',
  '@elastic/eui-theme-borealis': '__kbnSharedDeps__.ElasticEuiThemeBorealis',
  '@hello-pangea/dnd': '__kbnSharedDeps__.HelloPangeaDnd',
  lodash: '__kbnSharedDeps__.Lodash',
  'lodash/fp': '__kbnSharedDeps__.LodashFp',
  fflate: '__kbnSharedDeps__.Fflate',
  // runtime deps which don't need to be copied across all bundles
  tslib: '__kbnSharedDeps__.TsLib',
  uuid: '__kbnSharedDeps__.Uuid',
  '@kbn/analytics': '__kbnSharedDeps__.KbnAnalytics',
  '@kbn/crypto-browser': '__kbnSharedDeps__.KbnCryptoBrowser',
  '@kbn/es-query': '__kbnSharedDeps__.KbnEsQuery',
  '@kbn/search-errors': '__kbnSharedDeps__.KbnSearchErrors',
  '@kbn/std': '__kbnSharedDeps__.KbnStd',
  '@kbn/safer-lodash-set': '__kbnSharedDeps__.SaferLodashSet',
  '@kbn/shared-ux-error-boundary': '__kbnSharedDeps__.KbnSharedUxErrorBoundary',
  '@kbn/rison': '__kbnSharedDeps__.KbnRison',
  history: '__kbnSharedDeps__.History',
  classnames: '__kbnSharedDeps__.Classnames',
  '@tanstack/react-query': '__kbnSharedDeps__.ReactQuery',
  '@tanstack/react-query-devtools': '__kbnSharedDeps__.ReactQueryDevtools',
  '@kbn/code-editor': '__kbnSharedDeps__.KbnCodeEditor',
  '@kbn/esql-ast': '__kbnSharedDeps__.KbnEsqlAst',
  '@kbn/ebt-tools': '__kbnSharedDeps__.KbnEbtTools',
  '@elastic/apm-rum-core': '__kbnSharedDeps__.ElasticApmRumCore',
  '@kbn/react-kibana-context-common': '__kbnSharedDeps__.KbnReactKibanaContextCommon',
  '@kbn/react-kibana-context-root': '__kbnSharedDeps__.KbnReactKibanaContextRoot',
  '@kbn/react-kibana-context-render': '__kbnSharedDeps__.KbnReactKibanaContextRender',
  '@kbn/react-kibana-context-theme': '__kbnSharedDeps__.KbnReactKibanaContextTheme',
  '@kbn/shared-ux-router': '__kbnSharedDeps__.KbnSharedUxRouter',
};

/**
 * The version of each shared dependency the plugin or the host's shared-deps bundle uses, as Kibana
 * 9.1 and 8.19 ship it, with where that comes from. package.json pins exactly `kibana` (a unit test
 * checks it), so the code compiles, runs in jest and runs in the host against what Kibana runs.
 * Kibana 9.1's root package.json could not be read from the reference index, so the sources are the
 * Kibana pull requests that set them before the 9.1 branch was cut (2025-06-26) and their backports.
 */
export const KIBANA_SHARED_DEP_VERSIONS: ReadonlyArray<{ name: string; kibana: string; kibana819: string; source: string }> = [
  { name: 'react', kibana: '18.2.0', kibana819: '18.2.0 or 17.0.2', source: 'PR #209337 "Upgrade to React@18" (legacy ReactDOM.render mode; not in 9.0; the 8.19 backport #220493 was closed)' },
  { name: 'react-dom', kibana: '18.2.0', kibana819: '18.2.0 or 17.0.2', source: 'as react' },
  { name: 'react-router-dom', kibana: '5.3.4', kibana819: '5.3.4', source: 'Kibana package.json (react-router 5.3.4 on every 8.x/9.x branch); v6 API only as react-router-dom-v5-compat' },
  { name: '@elastic/eui', kibana: '104.0.2', kibana819: '104.0.2', source: '8.19: PR #227763 "[8.19] Upgrade EUI to v104.0.2" (2025-07-14). 9.1 branched with 103.1.0 (PR #224391), which the npm registry here does not serve; no 9.1 backport of 104.0.2 was found, so the host runs 8.19\'s 104.0.2, the nearest release both branches share' },
  { name: '@elastic/eui-theme-borealis', kibana: '3.0.0', kibana819: '3.0.0', source: 'peer dependency of @elastic/eui 104.0.2' },
  { name: '@elastic/charts', kibana: '69.2.2', kibana819: '69.2.2', source: 'PR #220470 "Upgrade @elastic/charts to 69.2.2" (2025-05), the last before the 9.1 branch' },
  { name: '@emotion/react', kibana: '11.11.1', kibana819: '11.11.1', source: 'Kibana package.json (unchanged through 9.4)' },
  { name: '@emotion/cache', kibana: '11.11.0', kibana819: '11.11.0', source: 'Kibana package.json (unchanged through 9.4)' },
  { name: '@emotion/css', kibana: '11.11.0', kibana819: '11.11.0', source: 'Kibana package.json; inside the shared bundle (EUI uses it), not an external' },
  { name: 'history', kibana: '4.9.0', kibana819: '4.9.0', source: 'Kibana package.json (ScopedHistory implements history v4)' },
  { name: 'moment', kibana: '2.30.1', kibana819: '2.30.1', source: 'Kibana package.json' },
  { name: 'rxjs', kibana: '7.8.1', kibana819: '7.8.1', source: 'Kibana package.json (7.8.x; 7.8.2 from late 2025)' },
];

/** The name of the global an external maps to, without the `__kbnSharedDeps__.` prefix. */
export const sharedDepGlobal = (importName: string): string | undefined => KIBANA_SHARED_DEPS_EXTERNALS[importName]?.replace(/^__kbnSharedDeps__\./, '');

/**
 * Packages public/ may import that Kibana does not share: they are bundled into the plugin, each with
 * the most it may add to the plugin's bundle (minified, measured by test/unit/public_imports.test.ts).
 */
export const PLUGIN_BUNDLED_DEPENDENCIES: ReadonlyArray<{ name: string; why: string; maxBytes: number }> = [
  {
    name: 'react/jsx-runtime',
    why: 'generated by the JSX transform; it requires react, which stays shared (Kibana bundles @emotion/react/jsx-runtime the same way)',
    maxBytes: 4_000,
  },
  {
    name: 're2js',
    why: 'rename patterns typed by users run in linear time (RE2), in the browser as on the server; Kibana shares no RE2 (its server-side re2 is a native addon). 150,665 bytes measured (2.10.0, mostly Unicode tables), in the app chunk loaded on mount, not the page-load bundle',
    maxBytes: 160_000,
  },
];
