/*
 * Mounts the app into the element Stack Management gives it, the way Snapshot and Restore does:
 * ReactDOM.render and unmountComponentAtNode, which Kibana's React (17 on 8.19 without the React 18
 * backport, 18 in legacy mode on 9.1+) both provide; `react-dom/client` is not one of Kibana's shared
 * dependencies and does not exist in React 17.
 */
import React from 'react';
import ReactDOM from 'react-dom';
import type { CoreStart } from '@kbn/core/public';
import type { ManagementAppMountParams } from '@kbn/management-plugin/public';
import { KibanaRenderContextProvider } from '@kbn/react-kibana-context-render';
import { App } from './app';
import { AppContextProvider } from './app_context';
import { createApi } from './services/api';

export const mountApp = (core: CoreStart, params: ManagementAppMountParams, kibanaVersion: string) => {
  ReactDOM.render(
    <KibanaRenderContextProvider {...core}>
      <AppContextProvider
        value={{
          api: createApi(core.http),
          toasts: core.notifications.toasts,
          docTitle: core.chrome.docTitle,
          setBreadcrumbs: params.setBreadcrumbs,
          history: params.history,
          docLinks: core.docLinks,
          kibanaVersion,
        }}
      >
        <App history={params.history} />
      </AppContextProvider>
    </KibanaRenderContextProvider>,
    params.element
  );
  return () => {
    core.chrome.docTitle.reset();
    ReactDOM.unmountComponentAtNode(params.element);
  };
};
