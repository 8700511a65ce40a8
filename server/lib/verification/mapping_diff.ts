/*
 * Mapping comparison: every field of the source's mapping, multi-fields included, must exist on the
 * destination with the same type. What the destination adds by itself (fields created dynamically since,
 * `_meta`, runtime fields) is not a difference.
 */
import type { MappingDifference } from '../../../common/types/verifications';

interface FieldMapping {
  type?: string;
  properties?: Record<string, FieldMapping>;
  fields?: Record<string, FieldMapping>;
}

/** Field path → type; an object field without `type` is `object`. */
export const flattenMappings = (properties: Record<string, FieldMapping> | undefined, prefix = ''): Map<string, string> => {
  const fields = new Map<string, string>();
  for (const [name, mapping] of Object.entries(properties ?? {})) {
    const path = `${prefix}${name}`;
    fields.set(path, mapping.type ?? 'object');
    for (const [sub, type] of flattenMappings(mapping.properties, `${path}.`)) fields.set(sub, type);
    for (const [sub, type] of flattenMappings(mapping.fields, `${path}.`)) fields.set(sub, type);
  }
  return fields;
};

export const diffMappings = (
  source: { properties?: Record<string, FieldMapping> } | undefined,
  dest: { properties?: Record<string, FieldMapping> } | undefined
): MappingDifference[] => {
  const sourceFields = flattenMappings(source?.properties);
  const destFields = flattenMappings(dest?.properties);
  const differences: MappingDifference[] = [];
  for (const [field, sourceType] of sourceFields) {
    const destType = destFields.get(field);
    if (destType === undefined) differences.push({ field, kind: 'missing_in_destination', source_type: sourceType });
    else if (destType !== sourceType) differences.push({ field, kind: 'type_changed', source_type: sourceType, dest_type: destType });
  }
  return differences;
};
