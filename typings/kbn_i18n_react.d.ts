/* @kbn/i18n-react, as the plugin uses it. Mirrors src/platform/packages/shared/kbn-i18n-react/index.tsx (re-exports of react-intl). */
import type { FC, ReactNode } from 'react';

export interface FormattedMessageProps {
  id: string;
  defaultMessage: string;
  values?: Record<string, ReactNode>;
  description?: string;
}
export declare const FormattedMessage: FC<FormattedMessageProps>;
export declare const FormattedNumber: FC<{ value: number; maximumFractionDigits?: number }>;
export declare const I18nProvider: FC<{ children?: ReactNode }>;
