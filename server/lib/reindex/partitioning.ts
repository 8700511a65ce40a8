/*
 * Splitting a large index into ranges that reindex side by side (reindex from remote has no slices).
 * The ranges are on a date or numeric field that every document has, so the parts are balanced; their
 * bounds are the source's own percentiles of that field. A last part holds documents without the field,
 * so the parts always cover the whole index, and their counts are checked against it in one search.
 */
import type { ItemPartition } from '../../../common/types/jobs';
import { EsClient } from '../es_client';
import { partitionQuery } from './launch';

/** The field preferred when several cover every document: the usual time field. */
export const PREFERRED_PARTITION_FIELD = '@timestamp';
/** When the user gave no threshold: indices with more documents than this are split. */
export const AUTO_PARTITION_MIN_DOCS = 50_000;
/**
 * Or with more stored bytes than this (primaries): large documents make few batches, each a long fetch
 * from the source and a long bulk, which parallel ranges overlap.
 */
export const AUTO_PARTITION_MIN_BYTES = 20 * 1024 * 1024;
/** Parts of one index at most, whatever the threshold. */
export const MAX_PARTS = 8;
/** Candidate fields whose coverage is counted (in one search). */
const MAX_CANDIDATES = 20;

const RANGE_FIELD_TYPES: Record<string, 'date' | 'number'> = {
  date: 'date',
  date_nanos: 'date',
  long: 'number',
  integer: 'number',
  short: 'number',
  byte: 'number',
  double: 'number',
  float: 'number',
  half_float: 'number',
  scaled_float: 'number',
  unsigned_long: 'number',
};

export interface RangeField {
  field: string;
  type: 'date' | 'number';
}

interface MappingProperties {
  [name: string]: { type?: string; properties?: MappingProperties };
}

/**
 * The date and numeric fields of a mapping, by dotted path, in the order of preference: @timestamp,
 * then dates, then numbers. Fields inside nested objects are left out (a range on them matches the
 * parent only through a nested query).
 */
export const rangeFields = (mappings: { properties?: MappingProperties } | undefined): RangeField[] => {
  const found: RangeField[] = [];
  const walk = (properties: MappingProperties | undefined, prefix: string): void => {
    for (const [name, definition] of Object.entries(properties ?? {})) {
      const path = `${prefix}${name}`;
      const type = definition.type ? RANGE_FIELD_TYPES[definition.type] : undefined;
      if (type) found.push({ field: path, type });
      else if (definition.type === undefined || definition.type === 'object') walk(definition.properties, `${path}.`);
    }
  };
  walk(mappings?.properties, '');
  const rank = (candidate: RangeField): number => (candidate.field === PREFERRED_PARTITION_FIELD ? 0 : candidate.type === 'date' ? 1 : 2);
  return found.sort((a, b) => rank(a) - rank(b));
};

/** How many parts an index of `docs` documents and `bytes` stored bytes is copied in. */
export const partsFor = (docs: number, bytes: number, threshold: number | undefined, maxAutoParts: number): number => {
  if (threshold === 0) return 1;
  if (threshold === undefined) {
    const wanted = Math.max(Math.ceil(docs / AUTO_PARTITION_MIN_DOCS), Math.ceil(bytes / AUTO_PARTITION_MIN_BYTES));
    // Each part must still be worth a task of its own: a few documents are copied whole.
    return docs > 1_000 ? Math.max(1, Math.min(maxAutoParts, MAX_PARTS, wanted)) : 1;
  }
  return docs > threshold ? Math.min(MAX_PARTS, Math.ceil(docs / threshold)) : 1;
};

const totalHits = (total: number | { value: number } | undefined): number => (typeof total === 'number' ? total : total?.value ?? 0);

/**
 * The field to split the index on: the first (in order of preference) that every document has; when
 * none does and `fallback` is set (the user asked for a split), the one most documents have, the rest
 * being copied by the part of documents without it.
 */
export const chooseRangeField = async (source: EsClient, index: string, { fallback = false } = {}): Promise<RangeField | undefined> => {
  const mappings = await source.indices.getMapping({ index });
  const candidates = rangeFields(Object.values(mappings)[0]?.mappings as { properties?: MappingProperties } | undefined).slice(0, MAX_CANDIDATES);
  if (candidates.length === 0) return undefined;
  const result = await source.search({
    index,
    size: 0,
    track_total_hits: true,
    aggs: { coverage: { filters: { filters: candidates.map(({ field }) => ({ exists: { field } })) } } } as never,
  });
  const buckets = (result.aggregations?.coverage as { buckets?: Array<{ doc_count: number }> } | undefined)?.buckets ?? [];
  const covered = (i: number): number => buckets[i]?.doc_count ?? 0;
  const total = totalHits(result.hits.total);
  const covering = candidates.find((_, i) => covered(i) === total);
  if (covering || !fallback) return covering;
  const best = candidates.reduce((chosen, _, i) => (covered(i) > covered(chosen) ? i : chosen), 0);
  return covered(best) > 0 ? candidates[best] : undefined;
};

/** Bounds splitting the index into `parts` ranges of similar document counts (the field's percentiles). */
export const partitionBoundaries = async (source: EsClient, index: string, { field, type }: RangeField, parts: number): Promise<number[]> => {
  const percents = Array.from({ length: parts - 1 }, (_, i) => ((i + 1) * 100) / parts);
  const result = await source.search({ index, size: 0, aggs: { split: { percentiles: { field, percents } } } });
  const values = (result.aggregations?.split as { values?: Record<string, number | null> } | undefined)?.values ?? {};
  const bounds = Object.values(values)
    .filter((value): value is number => typeof value === 'number')
    // Dates are whole milliseconds; numbers keep their fractions (a double field's ranges).
    .map((value) => (type === 'date' ? Math.round(value) : value));
  return [...new Set(bounds)].sort((a, b) => a - b);
};

/** Contiguous ranges open at both ends, and a last part for documents without the field. */
export const partitionsFrom = ({ field, type }: RangeField, bounds: number[]): ItemPartition[] => {
  const edges: Array<number | undefined> = [undefined, ...bounds, undefined];
  const partitions: ItemPartition[] = edges.slice(0, -1).map((gte, i) => ({ field, ...(type === 'number' ? { field_type: type } : {}), gte, lt: edges[i + 1] }));
  partitions.push({ field, ...(type === 'number' ? { field_type: type } : {}), missing: true });
  return partitions;
};

/** Each part's count and the index's, from one search (one reader per shard, so they agree). */
export const countParts = async (source: EsClient, index: string, partitions: ItemPartition[]): Promise<{ counts: number[]; total: number }> => {
  const result = await source.search({
    index,
    size: 0,
    track_total_hits: true,
    aggs: { parts: { filters: { filters: partitions.map((partition) => partitionQuery(partition)) } } } as never,
  });
  const buckets = (result.aggregations?.parts as { buckets?: Array<{ doc_count: number }> } | undefined)?.buckets ?? [];
  return { counts: partitions.map((_, i) => buckets[i]?.doc_count ?? 0), total: totalHits(result.hits.total) };
};
