/*
 * 3. Reachability from the destination: the only truthful test, since the destination, not Kibana,
 * connects to the source. A reindex from remote whose query matches no document proves network, TLS and
 * credentials from the destination's side and writes nothing; the throw-away index is deleted anyway.
 */
import crypto from 'node:crypto';
import { isResponseError } from '../es_client';
import { reindexRequest } from '../reindex/launch';
import { EsErrorCause, mapRemoteError } from '../reindex/remote_errors';
import type { PreflightCheck, ReindexPreflightContext } from './types';

export const THROW_AWAY_PREFIX = 'migration-assistant-preflight-';

export const reachabilityCheck: PreflightCheck<ReindexPreflightContext> = {
  id: 'reachability',
  title: 'Destination reaches the source',
  async run({ destination, connection, indices }) {
    const throwAway = `${THROW_AWAY_PREFIX}${crypto.randomUUID()}`;
    const probe = reindexRequest(
      { source: indices[0] ?? '*', dest: throwAway, op_type: 'create', batch_size: 1 },
      connection,
      { conflicts: 'proceed', requests_per_second: -1 }
    );
    try {
      await destination.reindex({
        ...probe,
        wait_for_completion: true,
        source: { ...probe.source, query: { bool: { must_not: { match_all: {} } } } },
      } as never);
      return { status: 'pass', message: `The destination connected to ${connection.host} and read from it.` };
    } catch (error) {
      if (!isResponseError(error) || typeof error.body?.error !== 'object') throw error;
      const mapped = mapRemoteError(error.body.error as EsErrorCause, { host: connection.host });
      return { status: 'fail', message: mapped.reason, remedy: mapped.remedy, details: { code: mapped.type } };
    } finally {
      await destination.indices.delete({ index: throwAway, ignore_unavailable: true }).catch(() => undefined);
    }
  },
};
