/*
 * Kibana 6.x kept the ids of referenced objects inside attributes; the 7.0.0 migrations of the dashboard,
 * visualization and search types moved them into the root `references` array (#28199). This does the same
 * extraction, for the check and the selection only: the exported object keeps its 6.x attributes and
 * version fields, so Kibana's importer runs its own 7.0.0 migrations on it (and every later one).
 *
 * The rules, as those migrations apply them:
 *  - search source (every type with `kibanaSavedObjectMeta.searchSourceJSON`): `index` becomes the
 *    reference `kibanaSavedObjectMeta.searchSourceJSON.index` (index-pattern), and each
 *    `filter[i].meta.index` becomes `kibanaSavedObjectMeta.searchSourceJSON.filter[i].meta.index`;
 *  - visualization: `savedSearchId` becomes `search_0` (search);
 *  - dashboard: each panel of `panelsJSON` with `type` and `id` becomes `panel_<i>` (its type).
 */
import type { SavedObjectReference } from '../../../common/types/saved_objects';

const parseJson = (text: unknown): unknown => {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const searchSourceReferences = (attributes: Record<string, unknown>): SavedObjectReference[] => {
  const meta = attributes.kibanaSavedObjectMeta;
  const searchSource = isRecord(meta) ? parseJson(meta.searchSourceJSON) : undefined;
  if (!isRecord(searchSource)) return [];
  const references: SavedObjectReference[] = [];
  if (typeof searchSource.index === 'string' && searchSource.index) {
    references.push({ name: 'kibanaSavedObjectMeta.searchSourceJSON.index', type: 'index-pattern', id: searchSource.index });
  }
  if (Array.isArray(searchSource.filter)) {
    searchSource.filter.forEach((filter, i) => {
      const filterMeta = isRecord(filter) ? filter.meta : undefined;
      if (isRecord(filterMeta) && typeof filterMeta.index === 'string' && filterMeta.index) {
        references.push({ name: `kibanaSavedObjectMeta.searchSourceJSON.filter[${i}].meta.index`, type: 'index-pattern', id: filterMeta.index });
      }
    });
  }
  return references;
};

const dashboardPanelReferences = (attributes: Record<string, unknown>): SavedObjectReference[] => {
  const panels = parseJson(attributes.panelsJSON);
  if (!Array.isArray(panels)) return [];
  const references: SavedObjectReference[] = [];
  panels.forEach((panel, i) => {
    if (isRecord(panel) && typeof panel.type === 'string' && typeof panel.id === 'string' && panel.id) {
      references.push({ name: `panel_${i}`, type: panel.type, id: panel.id });
    }
  });
  return references;
};

/** The references a 6.x object holds in its attributes, named as Kibana's 7.0.0 migrations name them. */
export const extractLegacyReferences = (type: string, attributes: Record<string, unknown>): SavedObjectReference[] => {
  const references = searchSourceReferences(attributes);
  if (type === 'visualization' && typeof attributes.savedSearchId === 'string' && attributes.savedSearchId) {
    references.push({ name: 'search_0', type: 'search', id: attributes.savedSearchId });
  }
  if (type === 'dashboard') references.push(...dashboardPanelReferences(attributes));
  return references;
};
