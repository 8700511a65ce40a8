/* Mounts the app into the element Stack Management gives it, the way Snapshot and Restore does. */
import React from 'react';
import { createRoot } from 'react-dom/client';
import type { CoreStart } from '@kbn/core/public';
import type { ManagementAppMountParams } from '@kbn/management-plugin/public';
import { KibanaRenderContextProvider } from '@kbn/react-kibana-context-render';
import { App } from './app';
import { AppContextProvider } from './app_context';
import { createApi } from './services/api';

export const mountApp = (core: CoreStart, params: ManagementAppMountParams, kibanaVersion: string) => {
  const root = createRoot(params.element);
  root.render(
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
    </KibanaRenderContextProvider>
  );
  return () => {
    core.chrome.docTitle.reset();
    root.unmount();
  };
};
