/*
 * Whether, and how, a snapshot can be restored into a destination of a given version (facts file,
 * section 3: the compatibility table, feature states, system indices from 8.0 on).
 */
import { compareVersions, parseVersion } from './versions';

export interface SnapshotFacts {
  state: string;
  version: string;
  indices: string[];
  feature_states: Array<{ feature_name: string; indices: string[] }>;
}

/** Kibana's and Elasticsearch security's own indices: .kibana*, .security*. */
export const INTERNAL_INDEX = /^\.(kibana|security)/;

export const restorability = (snapshot: SnapshotFacts, destinationVersion: string): { restorable: boolean; notes: string[] } => {
  const notes: string[] = [];
  const from = parseVersion(snapshot.version);
  const to = parseVersion(destinationVersion);
  if (snapshot.state !== 'SUCCESS') {
    notes.push(
      snapshot.state === 'PARTIAL'
        ? 'The snapshot is PARTIAL: only complete indices can be restored, with partial: true.'
        : `The snapshot state is ${snapshot.state}: it cannot be restored.`
    );
    if (snapshot.state !== 'PARTIAL') return { restorable: false, notes };
  }
  if (!from || !to) return { restorable: false, notes: [...notes, `Unknown version (${snapshot.version} into ${destinationVersion}).`] };
  if (compareVersions(from, to) > 0) {
    return { restorable: false, notes: [...notes, `The snapshot was taken by ${snapshot.version}, newer than this cluster (${destinationVersion}): snapshots never restore into an older version.`] };
  }
  if (to.major - from.major >= 2 || (from.major <= 6 && to.major >= 8)) {
    return {
      restorable: false,
      notes: [
        ...notes,
        `Indices created by ${from.major}.x restore into ${to.major}.x only as read-only archive indices. Restore into an intermediate ${from.major + 1}.x cluster, then reindex from remote.`,
      ],
    };
  }
  const internal = snapshot.indices.filter((index) => INTERNAL_INDEX.test(index));
  if (internal.length > 0) {
    const inFeatureStates = new Set(snapshot.feature_states.flatMap((state) => state.indices));
    if (to.major >= 8 && internal.some((index) => inFeatureStates.has(index))) {
      notes.push(`Internal indices (${internal.join(', ')}) restore into ${to.major}.x only through their feature states (${snapshot.feature_states.map((s) => s.feature_name).join(', ')}).`);
    } else {
      notes.push(`Internal indices (${internal.join(', ')}) can be restored under new names (restored_*) with include_aliases: false, then checked and moved.`);
    }
  }
  return { restorable: true, notes };
};

/** The phrase a user types to confirm that restoring these feature states replaces the destination's own. */
export const featureStateConfirmation = (featureStates: readonly string[]): string => `replace ${featureStates.join(', ')}`;

/** Restoring the `security` feature state replaces every user: a file-realm superuser keeps a way in (facts file, section 4). */
export const FILE_REALM_SUPERUSER_COMMAND = 'bin/elasticsearch-users useradd restore_user -p <password> -r superuser';

/** The phrase a user types to confirm that these existing indices are closed and restored over. */
export const overwriteConfirmation = (indices: readonly string[]): string => `overwrite ${[...indices].sort().join(', ')}`;

/**
 * The phrase a user types to confirm that a job writes into indices with internal names (.kibana*,
 * .security*): Kibana and Elasticsearch security read such an index as their own, whatever its source.
 */
export const internalWriteConfirmation = (indices: readonly string[]): string => `write into ${[...new Set(indices)].sort().join(', ')}`;

/** The names among `indices` that Kibana or Elasticsearch security would take for their own. */
export const internalNames = (indices: readonly string[]): string[] => [...new Set(indices.filter((index) => INTERNAL_INDEX.test(index)))].sort();
