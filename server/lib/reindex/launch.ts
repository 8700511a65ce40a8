/*
 * The `POST _reindex` request of an item: reindex from remote, as a task (wait_for_completion=false).
 * The API key travels as an Authorization header: `source.remote.api_key` only exists from 9.3.
 */
import type { ItemPartition, ItemPass, JobItem, ReindexOptions } from '../../../common/types/jobs';
import type { SourceConnection } from '../sources/source_client';

export const SOCKET_TIMEOUT = '5m';

/**
 * The documents of one part of a partitioned index: a range of the field, or the documents without it.
 * Together the parts cover every document: the ranges are contiguous and open at both ends, and the
 * `missing` part holds what no range can (no value, or a value not indexed as a date).
 */
export const partitionQuery = (partition: ItemPartition): Record<string, unknown> =>
  partition.missing
    ? { bool: { must_not: { exists: { field: partition.field } } } }
    : {
        range: {
          // Date bounds are epoch milliseconds; a numeric field takes no format.
          [partition.field]: { gte: partition.gte, lt: partition.lt, ...(partition.field_type === 'number' ? {} : { format: 'epoch_millis' }) },
        },
      };
export const CONNECT_TIMEOUT = '30s';
const MASK = '<redacted>';

/**
 * The documents a pass of a continuous job copies: those whose change field is at or after its lower bound,
 * or, for a reconciliation batch, exactly the ids the destination lacks.
 */
export const passQuery = (pass: ItemPass, ids?: readonly string[]): Record<string, unknown> | undefined => {
  if (pass.kind === 'reconcile') return { ids: { values: ids ?? [] } };
  if (!pass.field || pass.since === undefined) return undefined;
  return { range: { [pass.field]: pass.field_type === 'date' ? { gte: pass.since, format: 'epoch_millis' } : { gte: pass.since } } };
};

export const reindexRequest = (
  item: Pick<JobItem, 'source' | 'dest' | 'op_type' | 'batch_size' | 'partition' | 'pass'> & { pass_ids?: readonly string[] },
  connection: SourceConnection,
  options: Pick<ReindexOptions, 'conflicts' | 'requests_per_second'>,
  { masked = false, resume = false }: { masked?: boolean; resume?: boolean } = {}
) => {
  const auth =
    connection.auth.type === 'basic'
      ? { username: connection.auth.username, password: masked ? MASK : connection.auth.password }
      : connection.auth.type === 'api_key'
        ? { headers: { Authorization: `ApiKey ${masked ? MASK : connection.auth.api_key}` } }
        : {};
  const range = item.partition ? partitionQuery(item.partition) : item.pass ? passQuery(item.pass, item.pass_ids) : undefined;
  // A pass overwrites what an earlier copy wrote (updates), whatever a retry asks: op_type index.
  const pass = item.pass !== undefined;
  return {
    wait_for_completion: false,
    requests_per_second: options.requests_per_second,
    // Resuming writes only what is missing: existing documents are conflicts, and conflicts are skipped.
    conflicts: resume || pass ? ('proceed' as const) : options.conflicts,
    source: {
      remote: { host: connection.host, socket_timeout: SOCKET_TIMEOUT, connect_timeout: CONNECT_TIMEOUT, ...auth },
      index: item.source,
      size: item.batch_size,
      ...(range ? { query: range } : {}),
    },
    dest: { index: item.dest, op_type: pass ? ('index' as const) : resume ? ('create' as const) : item.op_type ?? ('index' as const) },
  };
};

/** The request as Dev Tools text, with the secret masked. */
export const devToolsText = (request: ReturnType<typeof reindexRequest>): string => {
  const { wait_for_completion: wait, requests_per_second: rps, ...body } = request;
  return `POST _reindex?wait_for_completion=${wait}&requests_per_second=${rps}\n${JSON.stringify(body, null, 2)}`;
};
