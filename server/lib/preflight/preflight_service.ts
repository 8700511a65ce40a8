/* POST /preflight for reindex from remote: the selection expanded, then every check in parallel. */
import type { PreflightResponse, ReindexPreflightRequest } from '../../../common/types/preflight';
import type { EsClient } from '../es_client';
import { planReindex } from '../reindex/plan';
import { isMigrationError } from '../migration_error';
import { mapDirectSourceError, SourceService } from '../sources/source_service';
import { DEFAULT_OPTIONS } from '../jobs/job_service';
import { allowListCheck } from './allow_list_check';
import { capacityCheck } from './capacity_check';
import { continuousCheck, ContinuousPreflightContext } from './continuous_check';
import type { PreflightCheck } from './types';
import { destinationConflictsCheck } from './destination_conflicts_check';
import { privilegesCheck } from './privileges_check';
import { reachabilityCheck } from './reachability_check';
import { runChecks } from './run_checks';
import { templatesCheck } from './templates_check';
import { versionsCheck } from './versions_check';

export const REINDEX_CHECKS = [
  versionsCheck,
  allowListCheck,
  reachabilityCheck,
  privilegesCheck,
  destinationConflictsCheck,
  templatesCheck,
  capacityCheck,
];

export const runReindexPreflight = async (
  sources: SourceService,
  destination: EsClient,
  request: ReindexPreflightRequest & { rename?: { pattern: string; replacement: string } }
): Promise<PreflightResponse> => {
  const { client: source, connection } = await sources.clientFor(request.source_id, destination);
  let items;
  try {
    items = await planReindex(source, {
      request: { type: 'reindex', source_id: request.source_id, items: request.indices.map((name) => ({ source: name })), rename: request.rename },
      options: { ...DEFAULT_OPTIONS, batch_size: request.batch_size },
      skipConfirmation: true,
    });
  } catch (error) {
    const mapped = mapDirectSourceError(error, connection.host);
    if (!isMigrationError(mapped) || !SOURCE_CONNECTION_CODES.includes(mapped.code)) throw mapped;
    // The Kibana server cannot read the source: report it as a failed check, and still run what the
    // destination can tell on its own (allow-list, reachability), which names the cause from its side.
    const fallback = await runChecks([allowListCheck, reachabilityCheck], {
      source,
      destination,
      connection,
      indices: request.indices,
      destinations: Object.fromEntries(request.indices.map((name) => [name, name])),
    });
    const connectionCheck = {
      id: 'source_connection',
      title: 'Kibana reaches the source',
      status: 'fail' as const,
      message: mapped.message,
      remedy: mapped.attributes.remedy,
      details: { code: mapped.code },
    };
    return { status: 'fail', checks: [connectionCheck, ...fallback.checks] };
  }
  const indices = [...new Set(items.map((item) => item.source))];
  const destinations = Object.fromEntries(items.map((item) => [item.source, item.dest]));
  const context = { source, destination, connection, indices, destinations, batchSize: request.batch_size };
  if (request.continuous) {
    // A continuous job's own check (issue 16) runs with the others.
    const continuous = request.continuous;
    const checks = [...REINDEX_CHECKS, continuousCheck] as Array<PreflightCheck<ContinuousPreflightContext>>;
    return runChecks(checks, { ...context, continuous });
  }
  return runChecks(REINDEX_CHECKS, context);
};

const SOURCE_CONNECTION_CODES = ['source_auth_rejected', 'source_forbidden', 'source_tls_untrusted', 'source_unreachable', 'source_not_elasticsearch'];
