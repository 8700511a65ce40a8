/*
 * Development host and jest only: what Kibana's KibanaRenderContextProvider gives an app (the EUI
 * provider with Kibana's theme, light or dark as core.theme says, and i18n).
 */
import React, { ReactNode, useEffect, useState } from 'react';
import { EuiProvider } from '@elastic/eui';
import type { ThemeServiceStart } from '@kbn/core/public';
import { I18nProvider } from './i18n_react';

export const KibanaRenderContextProvider = ({ children, theme }: { children?: ReactNode; theme?: ThemeServiceStart; [service: string]: unknown }) => {
  const [darkMode, setDarkMode] = useState(theme?.getTheme().darkMode ?? false);
  useEffect(() => {
    const subscription = theme?.theme$.subscribe((next) => setDarkMode(next.darkMode));
    return () => subscription?.unsubscribe();
  }, [theme]);
  return (
    <EuiProvider colorMode={darkMode ? 'dark' : 'light'}>
      <I18nProvider>{children}</I18nProvider>
    </EuiProvider>
  );
};
