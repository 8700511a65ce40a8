/* Snapshots of a repository, each with whether and how it restores into this destination. */
import { restorability } from '../../../common/lib/snapshot_compat';
import type { SnapshotSummary } from '../../../common/types/snapshots';
import { EsClient, errorStatus } from '../es_client';
import { MigrationError } from '../migration_error';
import { destinationVersion } from '../preflight/versions_check';

interface EsSnapshot {
  snapshot: string;
  uuid: string;
  state?: string;
  version?: string;
  indices?: string[];
  data_streams?: string[];
  feature_states?: Array<{ feature_name: string; indices: string[] }>;
  start_time?: string;
  end_time?: string;
}

export const listSnapshots = async (client: EsClient, repository: string): Promise<SnapshotSummary[]> => {
  let response: { snapshots?: EsSnapshot[] };
  try {
    // 8.x answers a missing repository's `_all` with an empty list; ask for the repository itself first.
    await client.snapshot.getRepository({ name: repository });
    response = (await client.snapshot.get({ repository, snapshot: '_all' })) as { snapshots?: EsSnapshot[] };
  } catch (error) {
    if (errorStatus(error) === 404) {
      throw new MigrationError('repository_not_found', `Repository [${repository}] is not registered on the destination`, 404, {
        remedy: `Register it first: PUT /api/migration_assistant/repositories/${repository}`,
      });
    }
    throw error;
  }
  const version = await destinationVersion(client);
  return (response.snapshots ?? []).map((snapshot) => {
    const facts = {
      state: snapshot.state ?? 'UNKNOWN',
      version: snapshot.version ?? 'unknown',
      indices: snapshot.indices ?? [],
      feature_states: snapshot.feature_states ?? [],
    };
    const { restorable, notes } = restorability(facts, version);
    return {
      snapshot: snapshot.snapshot,
      uuid: snapshot.uuid,
      ...facts,
      data_streams: snapshot.data_streams ?? [],
      start_time: snapshot.start_time,
      end_time: snapshot.end_time,
      restorable,
      restore_notes: notes,
    };
  });
};
