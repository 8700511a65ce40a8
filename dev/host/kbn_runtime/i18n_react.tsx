/* Development host and jest only: a runtime for @kbn/i18n-react, on react-intl as Kibana's is. */
import React, { ReactNode } from 'react';
import { IntlProvider } from 'react-intl';

export { FormattedMessage, FormattedNumber } from 'react-intl';

export const I18nProvider = ({ children }: { children?: ReactNode }) => (
  <IntlProvider locale="en" defaultLocale="en" messages={{}}>
    {children}
  </IntlProvider>
);
