/*
 * The selection as a Kibana import file (kibana_saved_objects_facts.md, section 2): one object per line
 * with sorted keys, referenced objects first, then the summary line Kibana's export writes and its import
 * skips. Any Kibana's Saved Objects page imports it by hand, with or without this plugin.
 */
import type { ExportedSavedObject, SourceSavedObject } from '../../../common/types/saved_objects';

/** The export shape of a source object: no spaces, no raw id; 6.x objects keep their attributes for Kibana's own migrations. */
export const toExportObject = (object: SourceSavedObject): ExportedSavedObject => ({
  id: object.id,
  type: object.type,
  attributes: object.attributes,
  // Extracted references stay out: Kibana's 7.0.0 migrations extract them again from the attributes.
  references: object.extracted_references ? [] : object.references,
  ...(object.originId ? { originId: object.originId } : {}),
  ...(object.managed !== undefined ? { managed: object.managed } : {}),
  ...(object.migrationVersion ? { migrationVersion: object.migrationVersion } : {}),
  ...(object.coreMigrationVersion ? { coreMigrationVersion: object.coreMigrationVersion } : {}),
  ...(object.typeMigrationVersion !== undefined ? { typeMigrationVersion: object.typeMigrationVersion } : {}),
  ...(object.updated_at ? { updated_at: object.updated_at } : {}),
  ...(object.created_at ? { created_at: object.created_at } : {}),
});

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])])
    );
  }
  return value;
};

export interface ExportDetails {
  exportedCount: number;
  missingRefCount: number;
  missingReferences: Array<{ type: string; id: string }>;
  excludedObjectsCount: number;
  excludedObjects: Array<{ type: string; id: string; reason?: string }>;
}

/** One line per object, then the export details line. */
export const toNdjson = (objects: readonly ExportedSavedObject[], missingReferences: Array<{ type: string; id: string }> = []): string => {
  const details: ExportDetails = {
    exportedCount: objects.length,
    missingRefCount: missingReferences.length,
    missingReferences,
    excludedObjectsCount: 0,
    excludedObjects: [],
  };
  return `${[...objects.map((object) => JSON.stringify(sortKeys(object))), JSON.stringify(details)].join('\n')}\n`;
};

/** Lines as Kibana's import reads them: blank lines and the export details line are skipped. */
export const parseNdjson = (text: string): Array<Record<string, unknown>> =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => !('exportedCount' in line && 'missingRefCount' in line));
