/*
 * The parts of Kibana's browser core the plugin uses, as Kibana 8.19 / 9.x declare them.
 * Mirrors:
 *   src/core/packages/plugins/browser/src/plugin.ts                 (Plugin, PluginInitializerContext)
 *   src/core/packages/lifecycle/browser/src/core_setup.ts, core_start.ts
 *   src/core/packages/http/browser/src/types.ts                     (HttpSetup, HttpFetchOptions)
 *   src/core/packages/notifications/browser/src/types.ts            (toasts)
 *   src/core/packages/chrome/browser/src/doc_title.ts               (docTitle)
 *   src/core/packages/application/browser/src/scoped_history.ts     (ScopedHistory)
 */
import type { History, LocationDescriptorObject } from 'history';

export interface HttpFetchOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: string;
  headers?: Record<string, string>;
  version?: string;
  signal?: AbortSignal;
  asSystemRequest?: boolean;
}
export interface HttpHandler {
  <T = unknown>(path: string, options?: HttpFetchOptions): Promise<T>;
}
export interface HttpSetup {
  get: HttpHandler;
  post: HttpHandler;
  put: HttpHandler;
  delete: HttpHandler;
  basePath: { prepend(path: string): string; get(): string };
}
export type HttpStart = HttpSetup;

/** The shape of errors `http` rejects with. */
export interface IHttpFetchError<T = unknown> extends Error {
  readonly response?: { status: number };
  readonly body?: T;
}

export interface ToastsApi {
  addSuccess(title: string): unknown;
  addWarning(title: string): unknown;
  addDanger(title: string): unknown;
  addError(error: Error, options: { title: string; toastMessage?: string }): unknown;
}

export interface Location {
  pathname: string;
  search: string;
  hash: string;
  state?: unknown;
  key?: string;
}
export type LocationDescriptor = string | Partial<Location>;

/** Kibana's ScopedHistory implements the `history` v4 History (react-router v5's), scoped to the app's URL. */
export interface ScopedHistory<HistoryLocationState = unknown> extends History<HistoryLocationState> {
  createHref(location: LocationDescriptorObject<HistoryLocationState>, options?: { prependBasePath?: boolean }): string;
}

/** src/core/packages/theme/browser/src/types.ts (CoreTheme, ThemeServiceStart). */
export interface CoreTheme {
  readonly darkMode: boolean;
  readonly name: string;
}
export interface ThemeServiceStart {
  theme$: import('rxjs').Observable<CoreTheme>;
  getTheme(): CoreTheme;
}

/**
 * src/core/packages/doc-links/browser/src/types.ts (DocLinksStart). `links` is Kibana's DocLinks
 * (src/platform/packages/shared/kbn-doc-links/src/types.ts, filled by get_doc_links.ts there), narrowed
 * to the links the plugin reads; every one of them exists in Kibana 8.19 and 9.1.
 */
export interface DocLinksStart {
  readonly DOC_LINK_VERSION: string;
  readonly ELASTIC_WEBSITE_URL: string;
  readonly links: {
    readonly upgradeAssistant: { readonly remoteReindex: string };
    readonly elasticsearch: { readonly indexTemplates: string; readonly setupUpgrade: string };
    readonly security: { readonly clusterPrivileges: string };
    readonly plugins: { readonly snapshotRestoreRepos: string };
    readonly snapshotRestore: { readonly restoreSnapshot: string };
  };
}

export interface CoreStart {
  http: HttpStart;
  theme: ThemeServiceStart;
  notifications: { toasts: ToastsApi };
  chrome: { docTitle: { change(title: string | string[]): void; reset(): void } };
  docLinks: DocLinksStart;
}

export interface CoreSetup<TPluginsStart extends object = object, TStart = unknown> {
  http: HttpSetup;
  getStartServices(): Promise<[CoreStart, TPluginsStart, TStart]>;
}

export interface PluginInitializerContext {
  env: { packageInfo: { version: string } };
}

export interface Plugin<TSetup = void, TStart = void, TPluginsSetup extends object = object, TPluginsStart extends object = object> {
  setup(core: CoreSetup<TPluginsStart, TStart>, plugins: TPluginsSetup): TSetup;
  start(core: CoreStart, plugins: TPluginsStart): TStart;
  stop?(): void;
}
