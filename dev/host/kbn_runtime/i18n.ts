/*
 * Development host and jest only: a runtime for @kbn/i18n (Kibana ships its own). Same call shape,
 * formatted with @formatjs/intl as Kibana does.
 */
import { createIntl, createIntlCache } from '@formatjs/intl';

const intl = createIntl({ locale: 'en', defaultLocale: 'en', messages: {} }, createIntlCache());

export const i18n = {
  translate(id: string, { defaultMessage, values }: { defaultMessage: string; values?: Record<string, unknown>; description?: string; ignoreTag?: boolean }): string {
    if (!defaultMessage) throw new Error(`Missing defaultMessage for ${id}`);
    return intl.formatMessage({ id, defaultMessage }, values as Record<string, string>) as string;
  },
  getLocale: () => 'en',
};
