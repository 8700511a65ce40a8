/* The server plugin's entry point: Kibana reads `config` and calls `plugin`. */
import type { PluginConfigDescriptor, PluginInitializerContext } from '@kbn/core/server';
import { configSchema, MigrationAssistantConfig } from './config';

export const config: PluginConfigDescriptor<MigrationAssistantConfig> = {
  schema: configSchema,
};

export async function plugin(context: PluginInitializerContext<MigrationAssistantConfig>) {
  const { MigrationAssistantServerPlugin } = await import('./plugin');
  return new MigrationAssistantServerPlugin(context);
}
