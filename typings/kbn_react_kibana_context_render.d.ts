/*
 * Mirrors src/platform/packages/shared/react/kibana_context/render/render_provider.tsx: the provider a
 * plugin wraps its app in (EUI theme, i18n, error boundary) with the core start services.
 */
import type { FC, ReactNode } from 'react';

export interface KibanaRenderContextProviderProps {
  children?: ReactNode;
  [service: string]: unknown;
}
export declare const KibanaRenderContextProvider: FC<KibanaRenderContextProviderProps>;
