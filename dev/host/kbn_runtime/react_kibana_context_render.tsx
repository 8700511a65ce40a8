/*
 * Development host and jest only: what Kibana's KibanaRenderContextProvider gives an app (the EUI
 * provider with Kibana's theme, and i18n).
 */
import React, { ReactNode } from 'react';
import { EuiProvider } from '@elastic/eui';
import { I18nProvider } from './i18n_react';

export const KibanaRenderContextProvider = ({ children }: { children?: ReactNode; [service: string]: unknown }) => (
  <EuiProvider colorMode="light">
    <I18nProvider>{children}</I18nProvider>
  </EuiProvider>
);
