/*
 * A verification's differences, each with what to do next. Derived from the report's sections, so the
 * page, the JSON and the Markdown download say the same thing.
 */
import type { VerificationDifference, VerificationReport } from '../types/verifications';

const list = (names: readonly string[], max = 10): string =>
  names.length > max ? `${names.slice(0, max).join(', ')} and ${names.length - max} more` : names.join(', ');

export const verificationDifferences = (report: Pick<VerificationReport, 'indices' | 'security' | 'saved_objects'>): VerificationDifference[] => {
  const differences: VerificationDifference[] = [];
  for (const index of report.indices) {
    if (index.error) {
      differences.push({ area: 'data', message: `${index.source} → ${index.dest}: ${index.error}`, remedy: index.remedy ?? '' });
      continue;
    }
    if (!index.counts_match) {
      differences.push({
        area: 'data',
        message: `${index.dest} holds ${index.dest_count} documents, ${index.source} ${index.source_count}.`,
        remedy:
          (index.dest_count ?? 0) < (index.source_count ?? 0)
            ? `Retry the job's item for ${index.source} with "resume" (copies only what is missing), after stopping writes to the source.`
            : `The destination holds documents the source does not: check for writes to ${index.dest} since the migration, or retry with "restart" to load it again from scratch.`,
      });
    }
    if (index.sample_mismatches.length) {
      const missing = index.sample_mismatches.filter((m) => m.reason === 'missing_in_destination').map((m) => m.id);
      const changed = index.sample_mismatches.filter((m) => m.reason === 'source_differs').map((m) => m.id);
      differences.push({
        area: 'data',
        message: `${index.dest}: ${index.sample_mismatches.length} of ${index.sampled} sampled documents differ${
          missing.length ? `; missing: ${list(missing)}` : ''
        }${changed.length ? `; different _source: ${list(changed)}` : ''}.`,
        remedy: `Reindex these documents again (POST _reindex with "source": { "index": "${index.source}", "query": { "ids": { "values": [...] } } }), or retry the item with "restart".`,
      });
    }
    for (const difference of index.mapping_differences) {
      differences.push({
        area: 'data',
        message:
          difference.kind === 'missing_in_destination'
            ? `${index.dest}: field ${difference.field} (${difference.source_type}) is not mapped on the destination.`
            : `${index.dest}: field ${difference.field} is ${difference.dest_type} on the destination, ${difference.source_type} on the source.`,
        remedy: `Create ${index.dest} with the source's mappings before loading (job option prepare_destination), or add the field with PUT ${index.dest}/_mapping before new documents arrive.`,
      });
    }
    if (index.aliases.missing.length) {
      differences.push({
        area: 'data',
        message: `${index.dest}: aliases ${list(index.aliases.missing)} of ${index.source} are missing.`,
        remedy: `POST _aliases { "actions": [${index.aliases.missing.map((alias) => `{ "add": { "index": "${index.dest}", "alias": "${alias}" } }`).join(', ')}] }`,
      });
    }
    if (index.templates.missing.length) {
      differences.push({
        area: 'data',
        message: `Templates ${list(index.templates.missing)} matching ${index.source} are missing on the destination.`,
        remedy: 'Copy each one: GET _index_template/<name> (or _template/<name>) on the source, then PUT the same body on the destination, before new indices are created.',
      });
    }
  }
  const security = report.security;
  if (security?.available && security.source_available) {
    if (security.users.missing.length) {
      differences.push({
        area: 'security',
        message: `Users missing on the destination: ${list(security.users.missing)}.`,
        remedy:
          'Restore the "security" feature state from a snapshot (Snapshots), or create each user with POST _security/user/<name> and its roles; passwords cannot be read from the source, so users set new ones.',
      });
    }
    for (const user of security.users.role_differences) {
      differences.push({
        area: 'security',
        message: `User ${user.username} lacks the roles ${list(user.missing_roles)} it has on the source.`,
        remedy: `Add them: POST _security/user/${user.username} with "roles" including ${user.missing_roles.map((r) => `"${r}"`).join(', ')}.`,
      });
    }
    if (security.roles.missing.length) {
      differences.push({
        area: 'security',
        message: `Roles missing on the destination: ${list(security.roles.missing)}.`,
        remedy: 'Copy each role: GET _security/role/<name> on the source, then PUT _security/role/<name> with the same body on the destination.',
      });
    }
  }
  const savedObjects = report.saved_objects;
  if (savedObjects?.available && savedObjects.imported) {
    // A saved_objects job: each imported object that is not here as imported, with its own remedy.
    for (const object of savedObjects.imported.objects) {
      if (object.state === 'present') continue;
      differences.push({
        area: 'saved_objects',
        message:
          object.state === 'missing'
            ? `${object.type} "${object.title}" (${object.id}) is missing from space ${savedObjects.imported.space}.`
            : `${object.type} "${object.title}" (${object.id}) is titled "${object.found_title ?? ''}" in space ${savedObjects.imported.space}.`,
        remedy: object.remedy ?? '',
      });
    }
  } else if (savedObjects?.available) {
    for (const [type, comparison] of Object.entries(savedObjects.by_type)) {
      if (!comparison.missing.length) continue;
      differences.push({
        area: 'saved_objects',
        message: `${comparison.missing.length} ${type} object(s) missing on the destination: ${list(comparison.missing.map((m) => m.title))}.`,
        remedy:
          'Export them from the source Kibana (Stack Management → Saved objects → Export, with related objects) and import them here, or restore the "kibana" feature state from a snapshot.',
      });
    }
  }
  return differences;
};
