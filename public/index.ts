/* The browser plugin's entry point. */
import type { PluginInitializerContext } from '@kbn/core/public';
import { MigrationAssistantPublicPlugin } from './plugin';

export function plugin(context: PluginInitializerContext) {
  return new MigrationAssistantPublicPlugin(context);
}
