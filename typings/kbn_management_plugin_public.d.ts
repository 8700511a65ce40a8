/*
 * The management plugin's setup contract, as far as the plugin uses it.
 * Mirrors src/platform/plugins/shared/management/public/{types.ts,utils/management_section.ts,utils/management_app.ts}.
 */
import type { ScopedHistory } from '@kbn/core/public';

export interface ChromeBreadcrumb {
  text: string;
  href?: string;
  onClick?: () => void;
}

export interface ManagementAppMountParams {
  basePath: string;
  element: HTMLElement;
  setBreadcrumbs: (crumbs: ChromeBreadcrumb[]) => void;
  history: ScopedHistory;
  theme: unknown;
}

export type Unmount = () => void | Promise<void>;
export type Mount = (params: ManagementAppMountParams) => Unmount | Promise<Unmount>;

export interface RegisterManagementAppArgs {
  id: string;
  title: string;
  order?: number;
  tip?: string;
  euiIconType?: string;
  keywords?: string[];
  mount: Mount;
}

export interface ManagementSection {
  registerApp(args: RegisterManagementAppArgs): unknown;
}

export interface ManagementSetup {
  sections: { section: { data: ManagementSection } };
}
