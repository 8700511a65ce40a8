/*
 * The features plugin's setup contract, as far as the plugin uses it.
 * Mirrors x-pack/platform/plugins/shared/features/server/plugin.ts (FeaturesPluginSetup) and
 * x-pack/platform/plugins/shared/features/common/elasticsearch_feature.ts (ElasticsearchFeatureConfig).
 */
export interface FeatureElasticsearchPrivileges {
  requiredClusterPrivileges: string[];
  requiredIndexPrivileges?: Record<string, string[]>;
  requiredRoles?: string[];
  ui: string[];
}

export interface ElasticsearchFeatureConfig {
  id: string;
  management?: Record<string, string[]>;
  catalogue?: string[];
  privileges: FeatureElasticsearchPrivileges[];
}

export interface FeaturesPluginSetup {
  registerElasticsearchFeature(feature: ElasticsearchFeatureConfig): void;
}
