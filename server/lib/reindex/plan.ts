/*
 * The plan of a reindex job: patterns, aliases and data streams expanded on the source into one item per
 * index (data streams as one item with op_type create), destination names, counts, batch sizes and, for
 * large indices, ranges of a date or numeric field (server/lib/reindex/partitioning.ts). Every name is
 * resolved and every index sized with at most PLAN_CONCURRENCY requests at once, so a thousand indices
 * are planned in seconds.
 */
import crypto from 'node:crypto';
import pMap from 'p-map';
import { applyRename, indexNameProblem, RenameRuleError } from '../../../common/lib/rename';
import { internalNames, internalWriteConfirmation } from '../../../common/lib/snapshot_compat';
import type { JobItem, ReindexJobRequest, ReindexOptions } from '../../../common/types/jobs';
import { EsClient } from '../es_client';
import { MigrationError, validationError } from '../migration_error';
import { chooseBatchSize } from './batch_size';
import { chooseRangeField, countParts, partitionBoundaries, partitionsFrom, partsFor } from './partitioning';

/** Requests to the source at once while planning. */
export const PLAN_CONCURRENCY = 8;

interface ResolvedTarget {
  name: string;
  kind: 'index' | 'data_stream';
}

type Resolved = Awaited<ReturnType<EsClient['indices']['resolveIndex']>>;
const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * What a name or pattern stands for on the source, as Elasticsearch resolves it: indices, data streams,
 * and the indices behind every alias it names (an alias is listed under `aliases`, not `indices`).
 */
const resolve = async (source: EsClient, pattern: string, includeHidden: boolean, includeSystem: boolean): Promise<ResolvedTarget[]> => {
  const expand = includeHidden || includeSystem ? 'all' : 'open';
  const resolved: Resolved = await source.indices.resolveIndex({ name: pattern, expand_wildcards: expand });
  const aliasIndices = new Set(resolved.aliases.flatMap((alias) => asList(alias.indices)));
  const listed = new Set(resolved.indices.map((index) => index.name));
  const behindAliases = [...aliasIndices].filter((name) => !listed.has(name));
  // The indices behind an alias, resolved by name for their attributes (closed, hidden, data stream backing).
  const extra: Resolved = behindAliases.length > 0
    ? await source.indices.resolveIndex({ name: behindAliases.join(','), expand_wildcards: 'all' })
    : { indices: [], aliases: [], data_streams: [] };
  const targets = new Map<string, ResolvedTarget>();
  const dataStreams = new Set([...resolved.data_streams, ...extra.data_streams].map((ds) => ds.name));
  for (const ds of dataStreams) targets.set(ds, { name: ds, kind: 'data_stream' });
  const backing = new Set([...resolved.data_streams, ...extra.data_streams].flatMap((ds) => asList(ds.backing_indices)));
  for (const index of [...resolved.indices, ...extra.indices]) {
    if (backing.has(index.name)) continue;
    const attributes = index.attributes ?? [];
    const hidden = attributes.includes('hidden');
    const system = index.name.startsWith('.');
    const named = aliasIndices.has(index.name);
    if (hidden && !includeHidden && !(system && includeSystem) && !named) continue;
    if (system && !includeSystem && !named) continue;
    if (attributes.includes('closed')) continue;
    targets.set(index.name, { name: index.name, kind: 'index' });
  }
  return [...targets.values()];
};

const countDocs = async (source: EsClient, index: string): Promise<number> => (await source.count({ index })).count;

const storeBytes = async (source: EsClient, index: string): Promise<number> => {
  const stats = await source.indices.stats({ index, metric: 'store' });
  return stats._all.primaries?.store?.size_in_bytes ?? 0;
};

/** The rule applied (linear time, RE2); a rule the route did not validate is still a 400 on its field. */
const renamed = (name: string, rule: ReindexJobRequest['rename']): string => {
  try {
    return applyRename(name, rule);
  } catch (error) {
    if (error instanceof RenameRuleError) throw validationError(error.field === 'rename_pattern' ? 'rename.pattern' : 'rename.replacement', error.message);
    throw error;
  }
};

export interface PlanInput {
  request: ReindexJobRequest;
  options: ReindexOptions;
  /** Preflight and dry runs plan before the user typed the confirmation. */
  skipConfirmation?: boolean;
  /** Parts an index is split in at most when the user gave no threshold (the destination's cores). */
  maxAutoParts?: number;
}

/**
 * Writing into an index named .kibana* or .security* (renamed onto it, named as `dest`, or copied under its
 * own name) needs the typed confirmation naming exactly those indices, as every write into them does.
 */
export const checkInternalDestinations = (dests: readonly string[], confirmation: string | undefined): void => {
  const internal = internalNames(dests);
  if (internal.length === 0) return;
  const expected = internalWriteConfirmation(internal);
  if (confirmation === expected) return;
  throw new MigrationError('validation_failed', `[confirmation]: type "${expected}" to confirm writing into ${internal.join(', ')}, which Kibana or Elasticsearch security read as their own internal indices`, 400, {
    field: 'confirmation',
    confirmation: expected,
    remedy: `Write under other names (a rename rule such as "^\\.(.+)$" → "restored_$1", or a "dest" per item), or send "confirmation": "${expected}".`,
  });
};

interface Target extends ResolvedTarget {
  position: number;
  dest: string;
}

export const planReindex = async (source: EsClient, { request, options, skipConfirmation = false, maxAutoParts = 1 }: PlanInput): Promise<JobItem[]> => {
  const resolved = await pMap(
    request.items,
    async (requested, position) => {
      const targets = await resolve(source, requested.source, request.include_hidden ?? false, request.include_system ?? false).catch(
        (error: unknown) => {
          if ((error as { statusCode?: number }).statusCode === 404) return [];
          throw error;
        }
      );
      if (targets.length === 0) {
        throw new MigrationError('pattern_matched_nothing', `[items.${position}.source]: [${requested.source}] matches no index, alias or data stream on the source`, 400, {
          field: `items.${position}.source`,
          remedy: 'Check the name or pattern; system and hidden indices are only included when include_system / include_hidden is set.',
        });
      }
      if (requested.dest && targets.length > 1) {
        throw validationError(`items.${position}.dest`, `[${requested.source}] expands to ${targets.length} indices; give a destination name only for a single index, or use a rename rule`);
      }
      return targets;
    },
    { concurrency: PLAN_CONCURRENCY }
  );
  const destinations = new Set<string>();
  const targets: Target[] = [];
  for (const [position, found] of resolved.entries()) {
    for (const target of found) {
      const dest = request.items[position]?.dest ?? renamed(target.name, request.rename);
      const problem = indexNameProblem(dest);
      if (problem) throw validationError(`items.${position}.dest`, `destination name [${dest}] ${problem}`);
      if (destinations.has(dest)) throw validationError(`items.${position}.dest`, `two items write into [${dest}]`);
      destinations.add(dest);
      targets.push({ ...target, position, dest });
    }
  }
  if (!skipConfirmation) checkInternalDestinations([...destinations], request.confirmation);
  const planned = await pMap(targets, (target) => planTarget(source, target, options, maxAutoParts), { concurrency: PLAN_CONCURRENCY });
  return planned.flat();
};

/** The items of one index: its count and batch size, and its parts when it is split. */
const planTarget = async (source: EsClient, target: Target, options: ReindexOptions, maxAutoParts: number): Promise<JobItem[]> => {
  const [docs, bytes] = await Promise.all([countDocs(source, target.name), storeBytes(source, target.name)]);
  const base = {
    source: target.name,
    dest: target.dest,
    status: 'queued' as const,
    op_type: target.kind === 'data_stream' ? ('create' as const) : ('index' as const),
    batch_size: options.batch_size ?? chooseBatchSize(bytes, docs),
    attempts: 0,
    progress: { total: 0, created: 0, updated: 0, version_conflicts: 0, failures: 0 },
  };
  const parts = target.kind === 'index' ? partsFor(docs, bytes, options.partition_threshold_docs, maxAutoParts) : 1;
  const field = parts > 1 ? await chooseRangeField(source, target.name, { fallback: options.partition_threshold_docs !== undefined }) : undefined;
  const bounds = field ? await partitionBoundaries(source, target.name, field, parts) : [];
  if (!field || bounds.length === 0) return [{ ...base, id: crypto.randomUUID(), source_count: docs }];
  // Every document is in exactly one part, so the per-part count checks add up to the whole index.
  const partitions = partitionsFrom(field, bounds);
  const { counts, total } = await countParts(source, target.name, partitions);
  const covered = counts.reduce((sum, count) => sum + count, 0);
  if (covered !== total) {
    throw new MigrationError('partition_coverage', `[${target.name}]: its ${partitions.length} parts hold ${covered} documents, the index ${total}`, 409, {
      field: `items.${target.position}.source`,
      remedy: 'The source changed while the job was planned, or the field holds values no range can hold: plan again, or set partition_threshold_docs to 0 to copy the index in one part.',
    });
  }
  return partitions.map((partition, i) => ({ ...base, id: crypto.randomUUID(), partition, source_count: counts[i] }));
};
