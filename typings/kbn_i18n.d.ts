/* @kbn/i18n, as the plugin uses it. Mirrors src/platform/packages/shared/kbn-i18n/src/core/i18n.ts. */
export interface TranslateArguments {
  defaultMessage: string;
  values?: Record<string, string | number | boolean | Date | null | undefined>;
  description?: string;
  ignoreTag?: boolean;
}
export declare const i18n: {
  translate(id: string, args: TranslateArguments): string;
  getLocale(): string;
};
