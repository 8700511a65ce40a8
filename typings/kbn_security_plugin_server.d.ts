/*
 * The security plugin's start contract, as far as the plugin uses it (it is an optional plugin).
 * Mirrors x-pack/platform/plugins/shared/security/server/plugin.ts (SecurityPluginStart: authc.apiKeys)
 * and the API keys service of src/core/packages/security/server/src/authentication/api_keys/api_keys.ts
 * (grantAsInternalUser, invalidateAsInternalUser, GrantAPIKeyResult).
 */
import type { KibanaRequest } from '@kbn/core/server';

export interface GrantAPIKeyResult {
  id: string;
  name: string;
  api_key: string;
}

export interface CreateRestAPIKeyParams {
  type?: 'rest';
  name: string;
  expiration?: string;
  role_descriptors: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

export interface InvalidateAPIKeysParams {
  ids: string[];
}

export interface InvalidateAPIKeyResult {
  invalidated_api_keys: string[];
  previously_invalidated_api_keys: string[];
  error_count: number;
  error_details?: Array<{ type: string; reason: string }>;
}

export interface APIKeysService {
  grantAsInternalUser(request: KibanaRequest, createParams: CreateRestAPIKeyParams): Promise<GrantAPIKeyResult | null>;
  invalidateAsInternalUser(params: InvalidateAPIKeysParams): Promise<InvalidateAPIKeyResult | null>;
}

export interface SecurityPluginStart {
  authc: { apiKeys: APIKeysService };
}
