/* Registers the management app under Stack Management → Data. */
import type { CoreSetup, Plugin, PluginInitializerContext } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';
import type { ManagementSetup } from '@kbn/management-plugin/public';
import { APP_ID } from '../common/constants';

interface SetupDependencies {
  management: ManagementSetup;
}

export class MigrationAssistantPublicPlugin implements Plugin<void, void, SetupDependencies> {
  constructor(private readonly context: PluginInitializerContext) {}

  setup(core: CoreSetup, { management }: SetupDependencies): void {
    management.sections.section.data.registerApp({
      id: APP_ID,
      title: i18n.translate('migrationAssistant.appTitle', { defaultMessage: 'Migration Assistant' }),
      order: 6,
      euiIconType: 'migrationsApp',
      keywords: ['migration', 'reindex', 'remote', 'snapshot', 'restore', 'cluster'],
      mount: async (params) => {
        const [coreStart] = await core.getStartServices();
        const { mountApp } = await import('./application');
        return mountApp(coreStart, params, this.context.env.packageInfo.version);
      },
    });
  }

  start(): void {}
}
