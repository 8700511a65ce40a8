/*
 * The plan of a reindex job: patterns, aliases and data streams expanded on the source into one item per
 * index (data streams as one item with op_type create), destination names, counts, batch sizes and, for
 * large time series, ranges of @timestamp taken from the source's own percentiles.
 */
import crypto from 'node:crypto';
import { applyRename, indexNameProblem, RenameRuleError } from '../../../common/lib/rename';
import { internalNames, internalWriteConfirmation } from '../../../common/lib/snapshot_compat';
import type { ItemPartition, JobItem, ReindexJobRequest, ReindexOptions } from '../../../common/types/jobs';
import { EsClient } from '../es_client';
import { MigrationError, validationError } from '../migration_error';
import { chooseBatchSize } from './batch_size';
import { partitionQuery } from './launch';

export const PARTITION_FIELD = '@timestamp';

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

/** Each part's count and the index's, from one search (one reader per shard, so they agree). */
const countParts = async (source: EsClient, index: string, partitions: ItemPartition[]): Promise<{ counts: number[]; total: number }> => {
  const result = await source.search({
    index,
    size: 0,
    track_total_hits: true,
    aggs: { parts: { filters: { filters: partitions.map((partition) => partitionQuery(partition)) } } } as never,
  });
  const buckets = (result.aggregations?.parts as { buckets?: Array<{ doc_count: number }> } | undefined)?.buckets ?? [];
  const total = typeof result.hits.total === 'number' ? result.hits.total : result.hits.total?.value ?? 0;
  return { counts: partitions.map((_, i) => buckets[i]?.doc_count ?? 0), total };
};

const storeBytes = async (source: EsClient, index: string): Promise<number> => {
  const stats = await source.indices.stats({ index, metric: 'store' });
  return stats._all.primaries?.store?.size_in_bytes ?? 0;
};

/** Boundaries splitting the index into `parts` ranges of similar document counts, or [] when it has no @timestamp. */
const partitionBoundaries = async (source: EsClient, index: string, parts: number): Promise<number[]> => {
  const mapping = await source.indices.getFieldMapping({ index, fields: PARTITION_FIELD });
  const fieldType = Object.values(mapping)[0]?.mappings?.[PARTITION_FIELD]?.mapping;
  const type = fieldType ? (Object.values(fieldType)[0] as { type?: string } | undefined)?.type : undefined;
  if (type !== 'date' && type !== 'date_nanos') return [];
  const percents = Array.from({ length: parts - 1 }, (_, i) => ((i + 1) * 100) / parts);
  const result = await source.search({
    index,
    size: 0,
    aggs: { split: { percentiles: { field: PARTITION_FIELD, percents } } },
  });
  const values = (result.aggregations?.split as { values?: Record<string, number | null> } | undefined)?.values ?? {};
  const boundaries = Object.values(values)
    .filter((v): v is number => typeof v === 'number')
    .map((v) => Math.round(v));
  return [...new Set(boundaries)].sort((a, b) => a - b);
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

export const planReindex = async (source: EsClient, { request, options, skipConfirmation = false }: PlanInput): Promise<JobItem[]> => {
  const items: JobItem[] = [];
  const destinations = new Set<string>();
  for (const [position, requested] of request.items.entries()) {
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
    for (const target of targets) {
      const dest = requested.dest ?? renamed(target.name, request.rename);
      const problem = indexNameProblem(dest);
      if (problem) throw validationError(`items.${position}.dest`, `destination name [${dest}] ${problem}`);
      if (destinations.has(dest)) throw validationError(`items.${position}.dest`, `two items write into [${dest}]`);
      destinations.add(dest);
      const [docs, bytes] = await Promise.all([countDocs(source, target.name), storeBytes(source, target.name)]);
      const batchSize = options.batch_size ?? chooseBatchSize(bytes, docs);
      const base = {
        source: target.name,
        dest,
        status: 'queued' as const,
        op_type: target.kind === 'data_stream' ? ('create' as const) : ('index' as const),
        batch_size: batchSize,
        attempts: 0,
        progress: { total: 0, created: 0, updated: 0, version_conflicts: 0, failures: 0 },
      };
      const threshold = options.partition_threshold_docs ?? 0;
      const parts = threshold > 0 && target.kind === 'index' && docs > threshold ? Math.min(8, Math.ceil(docs / threshold)) : 1;
      const boundaries = parts > 1 ? await partitionBoundaries(source, target.name, parts) : [];
      if (boundaries.length === 0) {
        items.push({ ...base, id: crypto.randomUUID(), source_count: docs });
        continue;
      }
      // Contiguous ranges open at both ends, and a last part for documents without the field: every
      // document is in exactly one part, so the per-part count checks add up to the whole index.
      const edges: Array<number | undefined> = [undefined, ...boundaries, undefined];
      const partitions: ItemPartition[] = edges.slice(0, -1).map((gte, i) => ({ field: PARTITION_FIELD, gte, lt: edges[i + 1] }));
      partitions.push({ field: PARTITION_FIELD, missing: true });
      const { counts, total } = await countParts(source, target.name, partitions);
      const covered = counts.reduce((sum, count) => sum + count, 0);
      if (covered !== total) {
        throw new MigrationError('partition_coverage', `[${target.name}]: its ${partitions.length} parts hold ${covered} documents, the index ${total}`, 409, {
          field: `items.${position}.source`,
          remedy: 'The source changed while the job was planned, or the field holds values no range can hold: plan again, or set partition_threshold_docs to 0 to copy the index in one part.',
        });
      }
      partitions.forEach((partition, i) => items.push({ ...base, id: crypto.randomUUID(), partition, source_count: counts[i] }));
    }
  }
  if (!skipConfirmation) checkInternalDestinations(items.map((item) => item.dest), request.confirmation);
  return items;
};
