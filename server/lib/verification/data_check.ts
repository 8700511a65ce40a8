/*
 * One index pair compared: document counts, mappings, a deterministic sample of documents by id and
 * `_source` hash, and the aliases and templates that should have come along. Reads only.
 */
import type { IndexVerification, SampleMismatch } from '../../../common/types/verifications';
import { EsClient, errorReason, errorStatus } from '../es_client';
import { diffMappings } from './mapping_diff';
import { sourceHash } from './source_hash';

export interface IndexPair {
  source: string;
  dest: string;
  /** Whether the source's aliases are expected on the destination (not for renamed restores without aliases). */
  expect_aliases: boolean;
}

export interface TemplateIndex {
  name: string;
  patterns: string[];
}

/** Seed of the sample: the same seed over the same documents picks the same sample, so two runs agree. */
const SAMPLE_SEED = 20231031;

const wildcardMatches = (pattern: string, name: string): boolean =>
  new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(name);

export const templatesFor = (templates: readonly TemplateIndex[], index: string): string[] =>
  templates.filter((template) => template.patterns.some((pattern) => wildcardMatches(pattern, index))).map((t) => t.name);

/** Index templates and legacy templates by name and patterns (names starting with "." are Elasticsearch's own). */
export const readTemplates = async (client: EsClient): Promise<TemplateIndex[]> => {
  const [composable, legacy] = await Promise.all([
    client.indices.getIndexTemplate().catch(() => ({ index_templates: [] })),
    client.indices.getTemplate().catch(() => ({})),
  ]);
  const templates: TemplateIndex[] = [
    ...composable.index_templates.map((t) => ({ name: t.name, patterns: [t.index_template.index_patterns].flat() as string[] })),
    ...Object.entries(legacy).map(([name, t]) => ({ name, patterns: [(t as { index_patterns: string | string[] }).index_patterns].flat() })),
  ];
  return templates.filter((template) => !template.name.startsWith('.'));
};

const count = (client: EsClient, index: string) =>
  client.count({ index, expand_wildcards: 'all' }).then((result) => result.count);

const firstMappings = async (client: EsClient, index: string) => {
  const result = await client.indices.getMapping({ index, expand_wildcards: 'all' });
  return Object.values(result)[0]?.mappings as { properties?: Record<string, never> } | undefined;
};

const aliasesOf = async (client: EsClient, index: string): Promise<string[]> => {
  const result = await client.indices.getAlias({ index, expand_wildcards: 'all' }).catch((error) => {
    if (errorStatus(error) === 404) return {};
    throw error;
  });
  return [...new Set(Object.values(result).flatMap((entry) => Object.keys(entry.aliases ?? {})))].sort();
};

/** `size` documents picked by a seeded random score over `_seq_no`, and how they read on the destination. */
const compareSample = async (source: EsClient, dest: EsClient, pair: IndexPair, size: number): Promise<{ sampled: number; mismatches: SampleMismatch[] }> => {
  if (size === 0) return { sampled: 0, mismatches: [] };
  const picked = await source.search<unknown>({
    index: pair.source,
    expand_wildcards: 'all',
    size,
    query: {
      function_score: { query: { match_all: {} }, functions: [{ random_score: { seed: SAMPLE_SEED, field: '_seq_no' } }], boost_mode: 'replace' },
    },
  });
  const hits = picked.hits.hits.filter((hit) => hit._id !== undefined);
  if (hits.length === 0) return { sampled: 0, mismatches: [] };
  // A search by ids, not mget: it also reads through aliases and data streams.
  const found = await dest.search<unknown>({
    index: pair.dest,
    expand_wildcards: 'all',
    size: hits.length,
    query: { ids: { values: hits.map((hit) => hit._id as string) } },
  });
  const destHashes = new Map(found.hits.hits.map((hit) => [hit._id, sourceHash(hit._source)]));
  const mismatches: SampleMismatch[] = [];
  for (const hit of hits) {
    const destHash = destHashes.get(hit._id);
    if (destHash === undefined) mismatches.push({ id: hit._id as string, reason: 'missing_in_destination' });
    else if (destHash !== sourceHash(hit._source)) mismatches.push({ id: hit._id as string, reason: 'source_differs' });
  }
  return { sampled: hits.length, mismatches };
};

/** A pair before (or without) any comparison: nothing matched yet. */
export const notCompared = (pair: Pick<IndexPair, 'source' | 'dest'>, error?: { error: string; remedy: string }): IndexVerification => ({
  source: pair.source,
  dest: pair.dest,
  counts_match: false,
  mapping_differences: [],
  sampled: 0,
  sample_mismatches: [],
  aliases: { expected: [], missing: [] },
  templates: { expected: [], missing: [] },
  ...error,
});

export const verifyIndexPair = async (
  clients: { source?: EsClient; dest: EsClient },
  pair: IndexPair,
  options: { sampleSize: number; sourceTemplates: TemplateIndex[]; destTemplateNames: ReadonlySet<string> }
): Promise<IndexVerification> => {
  const result = notCompared(pair);
  try {
    result.dest_count = await count(clients.dest, pair.dest);
  } catch (error) {
    if (errorStatus(error) !== 404) throw error;
    result.error = `[${pair.dest}] does not exist on the destination`;
    result.remedy = `Migrate [${pair.source}] (start a job for it, or retry the job's failed items), or check the destination name.`;
  }
  const { source } = clients;
  if (!source) {
    result.error ??= 'No source connection: only the destination was read.';
    result.remedy ??= 'Send source_id (a saved source that reaches the cluster these indices came from) to compare counts, mappings and documents.';
    return result;
  }
  try {
    result.source_count = await count(source, pair.source);
  } catch (error) {
    result.error = `The source index [${pair.source}] could not be read: ${errorReason(error)}`;
    result.remedy = 'Check that the source is reachable (Sources → Test connection) and that its user may read this index.';
    return result;
  }
  if (result.dest_count === undefined) return result;
  result.counts_match = result.source_count === result.dest_count;

  const [sourceMappings, destMappings, sample, sourceAliases, destAliases] = await Promise.all([
    firstMappings(source, pair.source),
    firstMappings(clients.dest, pair.dest),
    compareSample(source, clients.dest, pair, options.sampleSize),
    pair.expect_aliases ? aliasesOf(source, pair.source) : Promise.resolve([]),
    pair.expect_aliases ? aliasesOf(clients.dest, pair.dest) : Promise.resolve([]),
  ]);
  result.mapping_differences = diffMappings(sourceMappings, destMappings);
  result.sampled = sample.sampled;
  result.sample_mismatches = sample.mismatches;
  result.aliases = { expected: sourceAliases, missing: sourceAliases.filter((alias) => !destAliases.includes(alias)) };
  const expectedTemplates = templatesFor(options.sourceTemplates, pair.source);
  result.templates = { expected: expectedTemplates, missing: expectedTemplates.filter((name) => !options.destTemplateNames.has(name)) };
  return result;
};
