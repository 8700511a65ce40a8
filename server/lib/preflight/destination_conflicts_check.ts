/*
 * 5. Destination conflicts: existing non-empty indices, names that are aliases on the destination, and
 * internal names (.kibana*, .security*), which the job writes into only after a typed confirmation.
 */
import { internalNames, internalWriteConfirmation } from '../../../common/lib/snapshot_compat';
import type { PreflightCheckResult } from '../../../common/types/preflight';
import type { PreflightCheck, ReindexPreflightContext } from './types';

type Result = Omit<PreflightCheckResult, 'id' | 'title'>;

const withInternalNames = (result: Result, names: string[]): Result => {
  const internal = internalNames(names);
  if (internal.length === 0) return result;
  const note = `${internal.join(', ')} ${internal.length === 1 ? 'is an internal name' : 'are internal names'}: Kibana or Elasticsearch security read such an index as their own, so the job asks for the typed confirmation "${internalWriteConfirmation(internal)}".`;
  return {
    ...result,
    status: result.status === 'pass' ? 'warning' : result.status,
    message: result.status === 'pass' ? note : `${result.message} ${note}`,
    remedy: result.remedy ?? 'Write under other names (a rename rule such as "^\\.(.+)$" → "restored_$1") unless you mean to replace what Kibana or security read.',
    details: { ...(result.details ?? {}), internal_destinations: internal },
  };
};

export const destinationConflictsCheck: PreflightCheck<ReindexPreflightContext> = {
  id: 'destination_conflicts',
  title: 'Destination names are free',
  async run(context) {
    const names = [...new Set(Object.values(context.destinations))];
    return withInternalNames(await conflicts(context, names), names);
  },
};

const conflicts = async ({ destination }: ReindexPreflightContext, names: string[]): Promise<Result> => {
  // Not _cat/indices: for a missing index it waits 30 s for the index to appear before answering.
  const [stats, aliases] = await Promise.all([
    destination.indices.stats({ index: names, metric: 'docs', ignore_unavailable: true, allow_no_indices: true, expand_wildcards: 'all' } as never) as Promise<{
      indices?: Record<string, { primaries?: { docs?: { count?: number } } }>;
    }>,
    destination.indices.getAlias({ name: names, ignore_unavailable: true } as never).catch(() => ({})),
  ]);
  const existing = Object.entries(stats.indices ?? {})
    .filter(([name]) => names.includes(name))
    .map(([index, value]) => ({ index, 'docs.count': String(value.primaries?.docs?.count ?? 0) }));
  const nonEmpty = existing.filter((row) => Number(row['docs.count']) > 0);
  const aliasNames = new Set(Object.values(aliases as Record<string, { aliases?: object }>).flatMap((v) => Object.keys(v.aliases ?? {})));
  const clashes = names.filter((name) => aliasNames.has(name));
  if (nonEmpty.length === 0 && clashes.length === 0) {
    return {
      status: existing.length > 0 ? 'warning' : 'pass',
      message:
        existing.length > 0
          ? `${existing.map((r) => r.index).join(', ')} already exist on the destination but are empty; documents will be written into them with their current mappings.`
          : 'No destination index exists yet.',
    };
  }
  const lines = [
    ...nonEmpty.map((row) => `${row.index} already holds ${row['docs.count']} documents`),
    ...clashes.map((name) => `${name} is an alias on the destination`),
  ];
  return {
    status: 'fail',
    message: `${lines.join('; ')}.`,
    remedy: 'Choose other destination names (a rename rule such as "^(.*)$" → "migrated-$1"), or delete the existing indices first if they are leftovers: DELETE /<index>.',
    details: { non_empty: nonEmpty, alias_clashes: clashes },
  };
};
