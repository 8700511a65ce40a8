/*
 * The spaces plugin's start contract, as far as the plugin uses it (it is an optional plugin).
 * Mirrors x-pack/platform/plugins/shared/spaces/server/plugin.ts (SpacesPluginStart.spacesService) and
 * x-pack/platform/plugins/shared/spaces/server/spaces_service/spaces_service.ts (SpacesServiceStart.getSpaceId).
 */
import type { KibanaRequest } from '@kbn/core/server';

export interface SpacesServiceStart {
  /** The id of the space the request was made in ('default' outside any /s/<id> URL). */
  getSpaceId(request: KibanaRequest): string;
}

export interface SpacesPluginStart {
  spacesService: SpacesServiceStart;
}
