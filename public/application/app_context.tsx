/* Kibana services the app's components use, provided once at mount. */
import React, { createContext, ReactNode, useContext, useMemo } from 'react';
import type { CoreStart, ScopedHistory, ToastsApi } from '@kbn/core/public';
import type { ChromeBreadcrumb } from '@kbn/management-plugin/public';
import type { MigrationApi } from './services/api';
import { documentationLinks, DocumentationLinks } from './services/doc_links';

export interface AppServices {
  api: MigrationApi;
  toasts: ToastsApi;
  docTitle: CoreStart['chrome']['docTitle'];
  setBreadcrumbs: (crumbs: ChromeBreadcrumb[]) => void;
  history: ScopedHistory;
  docLinks: CoreStart['docLinks'];
  kibanaVersion: string;
}

const AppContext = createContext<AppServices | undefined>(undefined);

export const AppContextProvider = ({ value, children }: { value: AppServices; children: ReactNode }) => (
  <AppContext.Provider value={value}>{children}</AppContext.Provider>
);

export const useAppServices = (): AppServices => {
  const services = useContext(AppContext);
  if (!services) throw new Error('useAppServices must be used inside AppContextProvider');
  return services;
};

/** Documentation links for the running Kibana (its docLinks, and its version's URL scheme otherwise). */
export const useDocumentationLinks = (): DocumentationLinks => {
  const { docLinks, kibanaVersion } = useAppServices();
  return useMemo(() => documentationLinks(docLinks, kibanaVersion), [docLinks, kibanaVersion]);
};
