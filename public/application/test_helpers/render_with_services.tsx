/* Renders a page inside what the app is mounted in: EUI, i18n, the app context and a router. */
import React, { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter, Route } from 'react-router-dom';
import { EuiProvider } from '@elastic/eui';
import { I18nProvider } from '@kbn/i18n-react';
import { AppContextProvider, AppServices } from '../app_context';

export const testServices = (api: Partial<AppServices['api']>): AppServices =>
  ({
    api,
    toasts: { addSuccess: jest.fn(), addWarning: jest.fn(), addDanger: jest.fn(), addError: jest.fn() },
    docTitle: { change: jest.fn(), reset: jest.fn() },
    setBreadcrumbs: jest.fn(),
    history: { push: jest.fn() },
    docLinks: { ELASTIC_WEBSITE_URL: 'https://www.elastic.co/', DOC_LINK_VERSION: 'current' },
    kibanaVersion: '9.1.0',
  }) as unknown as AppServices;

export const renderWithServices = (element: ReactElement, services: AppServices, { path = '/', route = '/' } = {}) =>
  render(
    <EuiProvider colorMode="light">
      <I18nProvider>
        <AppContextProvider value={services}>
          <MemoryRouter initialEntries={[route]}>
            <Route path={path}>{element}</Route>
          </MemoryRouter>
        </AppContextProvider>
      </I18nProvider>
    </EuiProvider>
  );
