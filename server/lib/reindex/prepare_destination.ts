/*
 * Destination indices created before loading: the source's mappings and settings made valid for the
 * destination (what Elasticsearch sets by itself or refuses is dropped), with replicas 0 and refresh off
 * during the load. What is held back (replicas, refresh, pipelines) is put back when the index completes.
 */
import type { EsClient } from '../es_client';
import { errorType } from '../es_client';
import { INTERNAL_INDEX } from '../../../common/lib/snapshot_compat';

/** Settings Elasticsearch computes itself, or that a new index on a newer version refuses. */
const DROPPED_SETTINGS = [
  /^index\.uuid$/,
  /^index\.creation_date$/,
  /^index\.provided_name$/,
  /^index\.version\./,
  /^index\.routing\.allocation\.initial_recovery\./,
  /^index\.resize\./,
  /^index\.blocks\./,
  /^index\.history\.uuid$/,
  /^index\.soft_deletes\.enabled$/,
  /^index\.translog\.retention\./,
  /^index\.mapper\.dynamic$/,
  /^index\.frozen$/,
  /^index\.search\.throttled$/,
  /^index\.verified_before_close$/,
  /^index\.shrink\./,
  /^index\.downsample\./,
  /^index\.lifecycle\.indexing_complete$/,
  /^archived\./,
];

/** Put back after the load: pipelines would re-process documents the source already processed. */
const DEFERRED_SETTINGS = ['index.default_pipeline', 'index.final_pipeline'];

export interface DeferredSettings {
  'index.number_of_replicas': string;
  'index.refresh_interval': string | null;
  'index.default_pipeline'?: string;
  'index.final_pipeline'?: string;
}

export const sanitizeSettings = (
  flat: Record<string, string>
): { create: Record<string, string>; deferred: DeferredSettings } => {
  const create: Record<string, string> = {};
  for (const [key, value] of Object.entries(flat)) {
    if (DROPPED_SETTINGS.some((pattern) => pattern.test(key))) continue;
    if (DEFERRED_SETTINGS.includes(key)) continue;
    create[key] = value;
  }
  const deferred: DeferredSettings = {
    'index.number_of_replicas': flat['index.number_of_replicas'] ?? '1',
    'index.refresh_interval': flat['index.refresh_interval'] ?? null,
  };
  for (const key of DEFERRED_SETTINGS) {
    const value = flat[key];
    if (value !== undefined && value !== '_none') deferred[key as 'index.default_pipeline'] = value;
  }
  create['index.number_of_replicas'] = '0';
  create['index.refresh_interval'] = '-1';
  return { create, deferred };
};

export interface SourceIndexDefinition {
  settings: Record<string, string>;
  mappings: Record<string, unknown>;
}

export const readSourceIndex = async (source: EsClient, index: string): Promise<SourceIndexDefinition> => {
  const [settings, mappings] = await Promise.all([
    source.indices.getSettings({ index, flat_settings: true }),
    source.indices.getMapping({ index }),
  ]);
  const flat = (Object.values(settings)[0]?.settings ?? {}) as Record<string, string>;
  const mapping = (Object.values(mappings)[0]?.mappings ?? {}) as Record<string, unknown>;
  return { settings: flat, mappings: mapping };
};

/**
 * Below this many documents an index is created with its final replicas and refresh: holding them back
 * saves less than the settings update that puts them back costs (a cluster-state update per index).
 */
export const HOLD_BACK_MIN_DOCS = 10_000;

/**
 * The destination index as the source defines it, made valid here, and what to put back after the
 * load (undefined: nothing; a small index without pipelines is created as it will stay).
 */
export const destinationDefinition = (definition: SourceIndexDefinition, { docs }: { docs?: number } = {}) => {
  const { create, deferred } = sanitizeSettings(definition.settings);
  const pipelines = deferred['index.default_pipeline'] !== undefined || deferred['index.final_pipeline'] !== undefined;
  if (docs !== undefined && docs < HOLD_BACK_MIN_DOCS && !pipelines) {
    create['index.number_of_replicas'] = deferred['index.number_of_replicas'];
    if (deferred['index.refresh_interval'] === null) delete create['index.refresh_interval'];
    else create['index.refresh_interval'] = deferred['index.refresh_interval'];
    return { settings: create, mappings: definition.mappings, deferred: undefined };
  }
  return { settings: create, mappings: definition.mappings, deferred };
};

/** Creates the destination index (one that exists already, from an earlier attempt, is left as it is). */
export const createDestinationIndex = async (
  destination: EsClient,
  dest: string,
  { settings, mappings }: { settings: Record<string, string>; mappings: Record<string, unknown> }
): Promise<void> => {
  try {
    await destination.indices.create({ index: dest, settings, mappings: mappings as never });
  } catch (error) {
    if (errorType(error) !== 'resource_already_exists_exception') throw error;
  }
};

/** Pipelines the index uses, copied from the source when the destination lacks them (after the data). */
export const copyMissingPipelines = async (source: EsClient, destination: EsClient, ids: string[]): Promise<string[]> => {
  const copied: string[] = [];
  for (const id of ids) {
    const exists = await destination.ingest.getPipeline({ id }).then(() => true, () => false);
    if (exists) continue;
    const found = await source.ingest.getPipeline({ id });
    const body = found[id];
    if (!body) continue;
    await destination.ingest.putPipeline({ id, ...(body as object) });
    copied.push(id);
  }
  return copied;
};

/**
 * Puts back what was held back during the load. Pipelines come from the source. A completed index needs
 * them (a failure throws, and the runner tries again); for a failed or cancelled one (`bestEffort`), when
 * the source cannot be read or a pipeline cannot be copied, replicas and refresh go back all the same and
 * the pipelines are left out rather than pointing the index at pipelines the destination lacks.
 */
export const restoreDeferredSettings = async (
  source: EsClient | undefined,
  destination: EsClient,
  dest: string,
  deferred: DeferredSettings,
  { bestEffort = false }: { bestEffort?: boolean } = {}
): Promise<void> => {
  const pipelines = [deferred['index.default_pipeline'], deferred['index.final_pipeline']].filter(
    (id): id is string => id !== undefined
  );
  const copy = async (): Promise<boolean> => {
    if (pipelines.length === 0) return true;
    if (!source) {
      if (bestEffort) return false;
      throw new Error(`the source is needed to copy the pipelines ${pipelines.join(', ')}`);
    }
    if (!bestEffort) return copyMissingPipelines(source, destination, pipelines).then(() => true);
    return copyMissingPipelines(source, destination, pipelines).then(() => true, () => false);
  };
  const pipelinesCopied = await copy();
  const settings: Partial<DeferredSettings> = pipelinesCopied
    ? { ...deferred }
    : { 'index.number_of_replicas': deferred['index.number_of_replicas'], 'index.refresh_interval': deferred['index.refresh_interval'] };
  await destination.indices.putSettings({ index: dest, settings: settings as never });
  await destination.indices.refresh({ index: dest });
};


export interface AliasCopy {
  added: string[];
  skipped: Array<{ alias: string; reason: string }>;
}

/**
 * The source index's aliases, added to the destination index it was copied into (reindex copies
 * documents only). Never for .kibana/.security (a copy joining the live alias makes Kibana inaccessible),
 * and never onto an alias the destination already has for indices other than this job's own copies
 * (an alias over several source indices ends over all their copies).
 */
export const copyAliases = async (
  source: EsClient,
  destination: EsClient,
  sourceIndex: string,
  dest: string,
  ownDestinations: ReadonlySet<string> = new Set([dest])
): Promise<AliasCopy> => {
  const result: AliasCopy = { added: [], skipped: [] };
  const found = (await source.indices.getAlias({ index: sourceIndex }).catch(() => ({}))) as Record<string, { aliases?: Record<string, Record<string, unknown>> }>;
  const aliases = Object.entries(Object.values(found)[0]?.aliases ?? {});
  if (aliases.length === 0) return result;
  if (INTERNAL_INDEX.test(sourceIndex)) {
    for (const [alias] of aliases) result.skipped.push({ alias, reason: 'internal index: its copy must not join the live alias' });
    return result;
  }
  const actions: unknown[] = [];
  for (const [alias, definition] of aliases) {
    const holders = (await destination.indices.getAlias({ name: alias, expand_wildcards: 'all' } as never).catch(() => ({}))) as Record<string, unknown>;
    if (Object.keys(holders).some((index) => !ownDestinations.has(index))) {
      result.skipped.push({ alias, reason: 'the destination already has this alias for other indices' });
      continue;
    }
    const { filter, index_routing, search_routing, is_write_index, is_hidden } = definition;
    actions.push({ add: { index: dest, alias, ...Object.fromEntries(Object.entries({ filter, index_routing, search_routing, is_write_index, is_hidden }).filter(([, v]) => v !== undefined)) } });
    result.added.push(alias);
  }
  if (actions.length > 0) await destination.indices.updateAliases({ actions } as never);
  return result;
};
