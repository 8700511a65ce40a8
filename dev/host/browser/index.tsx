/*
 * The development host's page: a Stack Management look-alike (header with breadcrumbs, side navigation,
 * page template) that runs the plugin's browser bundle unchanged: core takes the plugin from
 * `__kbnBundles__` (build_app.ts), setup() registers the app with a management registry, and the app is
 * mounted with ManagementAppMountParams, as Kibana does. Like the plugin, this page reads React, EUI and
 * the rest from `__kbnSharedDeps__`.
 */
// Kibana loads the charts theme globally; so does the host.
import '@elastic/charts/dist/theme_only_light.css';
import React, { useEffect, useRef, useState } from 'react';
import ReactDOM from 'react-dom';
import { createBrowserHistory } from 'history';
import {
  EuiGlobalToastList,
  EuiHeader,
  EuiHeaderBreadcrumbs,
  EuiHeaderSection,
  EuiHeaderSectionItem,
  EuiIcon,
  EuiPageTemplate,
  EuiProvider,
  EuiSideNav,
  EuiText,
} from '@elastic/eui';
import type { Toast } from '@elastic/eui/src/components/toast/global_toast_list';
import type { CoreStart, HttpFetchOptions, HttpHandler, ScopedHistory } from '@kbn/core/public';
import type { ChromeBreadcrumb, ManagementAppMountParams, RegisterManagementAppArgs } from '@kbn/management-plugin/public';
import type { plugin as pluginInitializer } from '../../../public';
import { BehaviorSubject } from 'rxjs';
import { hostDocLinks } from '../kbn_runtime/doc_links';
import { KIBANA_VERSION } from '../kibana_version';

const MANAGEMENT_PATH = '/app/management';
const APP_PATH = `${MANAGEMENT_PATH}/data/migration_assistant`;

const RESERVED_HEADER = /^(kbn-|x-elastic-internal-)/i;

/** Kibana's http service: JSON in and out, the version and XSRF headers, errors carrying the body. */
const fetchJson =
  (method: string): HttpHandler =>
  async <T,>(path: string, options: HttpFetchOptions = {}): Promise<T> => {
    // Kibana's fetch refuses headers it sets itself (src/core/packages/http/browser-internal/src/fetch.ts).
    const reserved = Object.keys(options.headers ?? {}).filter((name) => RESERVED_HEADER.test(name));
    if (reserved.length > 0) throw new Error(`Invalid fetch headers, headers beginning with "kbn-" or "x-elastic-internal-" are not allowed: [${reserved.join(',')}]`);
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) query.set(key, String(value));
    const url = `${path}${query.size > 0 ? `?${query}` : ''}`;
    const response = await fetch(url, {
      method,
      body: options.body,
      signal: options.signal,
      headers: {
        'content-type': 'application/json',
        'kbn-version': KIBANA_VERSION,
        'x-elastic-internal-origin': 'Kibana',
        ...(options.version ? { 'elastic-api-version': options.version } : {}),
        ...options.headers,
      },
    });
    // As Kibana's fetch: JSON by content type; other text parsed as JSON when it is JSON, kept as text when not.
    const text = await response.text();
    const body: unknown = (() => {
      if (!text) return undefined;
      if (/^application\/json/i.test(response.headers.get('content-type') ?? '')) return JSON.parse(text);
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    })();
    if (!response.ok) {
      const error = new Error((body as { message?: string } | undefined)?.message ?? response.statusText) as Error & { body: unknown; response: { status: number } };
      error.body = body;
      error.response = { status: response.status };
      throw error;
    }
    return body as T;
  };

let addToast: (toast: Toast) => void = () => undefined;
let toastId = 0;
const toast = (color: Toast['color'], title: string, text?: string) => addToast({ id: String(toastId++), color, title, text });

/**
 * Kibana's theme (its "theme:darkMode" advanced setting): here `?theme=dark` or `?theme=light` in the URL,
 * kept for the browser tab.
 */
const darkMode = (() => {
  const requested = new URLSearchParams(window.location.search).get('theme');
  if (requested === 'dark' || requested === 'light') window.sessionStorage.setItem('hostTheme', requested);
  return window.sessionStorage.getItem('hostTheme') === 'dark';
})();
const coreTheme = { darkMode, name: 'borealis' };

const coreStart: CoreStart = {
  theme: { theme$: new BehaviorSubject(coreTheme).asObservable(), getTheme: () => coreTheme },
  http: {
    get: fetchJson('GET'),
    post: fetchJson('POST'),
    put: fetchJson('PUT'),
    delete: fetchJson('DELETE'),
    basePath: { prepend: (path: string) => path, get: () => '' },
  },
  notifications: {
    toasts: {
      addSuccess: (title) => toast('success', title),
      addWarning: (title) => toast('warning', title),
      addDanger: (title) => toast('danger', title),
      addError: (error, { title, toastMessage }) => toast('danger', title, toastMessage ?? error.message),
    },
  },
  chrome: {
    docTitle: {
      change: (title) => {
        document.title = [...[title].flat(), 'Stack Management', 'Elastic'].join(' - ');
      },
      reset: () => {
        document.title = 'Elastic';
      },
    },
  },
  docLinks: hostDocLinks(KIBANA_VERSION),
};

declare global {
  interface Window {
    __kbnBundles__: { get(id: string): unknown };
  }
}
const { plugin } = window.__kbnBundles__.get('plugin/migrationAssistant/public') as { plugin: typeof pluginInitializer };

const apps: RegisterManagementAppArgs[] = [];
plugin({ env: { packageInfo: { version: KIBANA_VERSION } } }).setup(
  { http: coreStart.http, getStartServices: async () => [coreStart, {}, undefined] },
  { management: { sections: { section: { data: { registerApp: (app) => apps.push(app) } } } } }
);

const StackManagement = () => {
  const [crumbs, setCrumbs] = useState<ChromeBreadcrumb[]>([]);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const mountPoint = useRef<HTMLDivElement>(null);
  addToast = (next) => setToasts((current) => [...current, next]);

  useEffect(() => {
    const app = apps[0];
    const element = mountPoint.current;
    if (!app || !element) return;
    // The app's history is scoped to its own URL, like Kibana's ScopedHistory.
    const history = createBrowserHistory({ basename: APP_PATH }) as unknown as ScopedHistory;
    const params: ManagementAppMountParams = {
      basePath: APP_PATH,
      element,
      history,
      theme: {},
      setBreadcrumbs: (next) => setCrumbs(next),
    };
    const unmount = Promise.resolve(app.mount(params));
    return () => {
      void unmount.then((fn) => fn());
    };
  }, []);

  const sideNav = [
    { id: 'ingest', name: 'Ingest', items: [{ id: 'pipelines', name: 'Ingest Pipelines', disabled: true }] },
    {
      id: 'data',
      name: 'Data',
      items: [
        { id: 'index_management', name: 'Index Management', disabled: true },
        { id: 'snapshot_restore', name: 'Snapshot and Restore', disabled: true },
        ...apps.map((app) => ({ id: app.id, name: app.title, isSelected: true, href: `${MANAGEMENT_PATH}/data/${app.id}` })),
      ],
    },
    { id: 'security', name: 'Security', items: [{ id: 'users', name: 'Users', disabled: true }] },
  ];

  return (
    <EuiProvider colorMode={darkMode ? 'dark' : 'light'}>
      <EuiHeader position="fixed">
        <EuiHeaderSection>
          <EuiHeaderSectionItem>
            <EuiIcon type="logoElastic" size="l" aria-label="Elastic" />
          </EuiHeaderSectionItem>
          <EuiHeaderSectionItem>
            <EuiHeaderBreadcrumbs
              aria-label="Breadcrumbs"
              breadcrumbs={[{ text: 'Stack Management', href: MANAGEMENT_PATH }, ...crumbs]}
              data-test-subj="breadcrumbs"
            />
          </EuiHeaderSectionItem>
        </EuiHeaderSection>
        <EuiHeaderSection side="right">
          <EuiHeaderSectionItem>
            <EuiText size="xs" color="subdued">
              development host
            </EuiText>
          </EuiHeaderSectionItem>
        </EuiHeaderSection>
      </EuiHeader>
      <EuiPageTemplate restrictWidth={false} panelled style={{ paddingTop: 48 }}>
        <EuiPageTemplate.Sidebar sticky>
          <EuiSideNav aria-label="Stack Management" heading="Stack Management" items={sideNav} />
        </EuiPageTemplate.Sidebar>
        <EuiPageTemplate.Section>
          <div ref={mountPoint} data-test-subj="managementAppMountPoint" />
        </EuiPageTemplate.Section>
      </EuiPageTemplate>
      <EuiGlobalToastList toasts={toasts} dismissToast={(t) => setToasts((current) => current.filter((c) => c.id !== t.id))} toastLifeTimeMs={6000} />
    </EuiProvider>
  );
};

const container = document.getElementById('kibana-body');
// Kibana 9.1 renders its chrome with React 18 in legacy mode (ReactDOM.render), so does the host.
if (container) ReactDOM.render(<StackManagement />, container);
