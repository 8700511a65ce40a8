/*
 * Seeds the source cluster with what real clusters hold, deterministically (same documents every run) and
 * fast (bulk requests, no refresh or replicas during the load). Idempotent: a marker document records the
 * seeded version, and a seeded cluster is left alone unless `force` is set. The Kibana saved objects have
 * their own version in the marker (`kibana_sample`): a seeded test bed with older ones gets the new objects
 * added to its `.kibana` (mappings added, every object indexed again by id), and nothing else is touched,
 * so a running test bed that others use keeps its data indices.
 */
import { SAMPLE_INDICES, SampleIndex, SEED_VERSION } from './indices';
import { KIBANA_ALIAS, KIBANA_INDEX, kibanaIndexBody, KIBANA_SAMPLE_VERSION, savedObjects } from './kibana_saved_objects';
import { COMPONENT_TEMPLATE, INDEX_TEMPLATE, INGEST_PIPELINE } from './templates';

const MARKER_INDEX = '.ma-sample-data';
const BULK_BATCH = 5_000;

type Log = (line: string) => void;

class SourceHttp {
  constructor(private readonly baseUrl: string) {}

  async request<T = unknown>(method: string, path: string, body?: unknown, ndjson = false): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' },
      body: body === undefined ? undefined : ndjson ? String(body) : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path} failed with ${response.status}: ${text.slice(0, 500)}`);
    }
    return (text ? JSON.parse(text) : {}) as T;
  }

  async exists(path: string): Promise<boolean> {
    const response = await fetch(`${this.baseUrl}${path}`, { method: 'HEAD' });
    return response.ok;
  }
}

const bulkLoad = async (
  http: SourceHttp,
  index: string,
  docs: Iterable<{ id: string; source: unknown }>
): Promise<number> => {
  let lines: string[] = [];
  let count = 0;
  const flush = async (): Promise<void> => {
    if (lines.length === 0) return;
    const result = await http.request<{ errors: boolean; items: unknown[] }>(
      'POST',
      `/${encodeURIComponent(index)}/_bulk`,
      `${lines.join('\n')}\n`,
      true
    );
    if (result.errors) {
      throw new Error(`Bulk load into ${index} reported errors: ${JSON.stringify(result.items[0])}`);
    }
    lines = [];
  };
  for (const doc of docs) {
    lines.push(JSON.stringify({ index: { _id: doc.id } }), JSON.stringify(doc.source));
    count++;
    if (lines.length >= BULK_BATCH * 2) await flush();
  }
  await flush();
  return count;
};

const seedIndex = async (http: SourceHttp, spec: SampleIndex, log: Log): Promise<void> => {
  await http.request('PUT', `/${spec.name}`, {
    settings: { ...spec.settings, number_of_replicas: 0, refresh_interval: '-1' },
    mappings: spec.mappings,
    ...(spec.alias ? { aliases: { [spec.alias]: {} } } : {}),
  });
  const count = await bulkLoad(http, spec.name, spec.documents());
  await http.request('PUT', `/${spec.name}/_settings`, {
    index: { refresh_interval: spec.settings?.refresh_interval ?? null },
  });
  await http.request('POST', `/${spec.name}/_refresh`);
  log(`  ${spec.name}: ${count} documents`);
};

interface Marker {
  version: number;
  /** The version of the Kibana saved objects loaded (absent: the first sample, KIBANA_SAMPLE_VERSION 1). */
  kibana_sample?: number;
  seeded_at: string;
}

const readMarker = async (http: SourceHttp): Promise<Marker | undefined> => {
  if (!(await http.exists(`/${MARKER_INDEX}/_doc/seed`))) return undefined;
  return (await http.request<{ _source: Marker }>('GET', `/${MARKER_INDEX}/_doc/seed`))._source;
};

export const isSeeded = async (sourceUrl: string): Promise<boolean> => (await readMarker(new SourceHttp(sourceUrl)))?.version === SEED_VERSION;

/** Loads the sample saved objects into `.kibana`: creates it, or adds the mappings it lacks and indexes every object again by id. */
const loadKibanaSavedObjects = async (http: SourceHttp, log: Log): Promise<void> => {
  const body = kibanaIndexBody();
  if (await http.exists(`/${KIBANA_INDEX}`)) {
    await http.request('PUT', `/${KIBANA_INDEX}/_mapping`, { properties: body.mappings.properties });
  } else {
    await http.request('PUT', `/${KIBANA_INDEX}`, { ...body, aliases: { [KIBANA_ALIAS]: {} } });
  }
  const objects = savedObjects();
  await bulkLoad(http, KIBANA_INDEX, objects.map((object) => ({ id: object._id, source: object._source })));
  await http.request('POST', `/${KIBANA_INDEX}/_refresh`);
  log(`  ${KIBANA_INDEX} (alias ${KIBANA_ALIAS}): ${objects.length} saved objects`);
};

const writeMarker = (http: SourceHttp, marker: Marker) => http.request('PUT', `/${MARKER_INDEX}/_doc/seed?refresh=true`, marker);

export const seedSampleData = async (
  sourceUrl: string,
  options: { force?: boolean; log?: Log } = {}
): Promise<{ seeded: boolean }> => {
  const log = options.log ?? (() => undefined);
  const http = new SourceHttp(sourceUrl);
  const marker = options.force ? undefined : await readMarker(http);
  if (marker?.version === SEED_VERSION) {
    if ((marker.kibana_sample ?? 1) >= KIBANA_SAMPLE_VERSION) return { seeded: false };
    // Seeded before the saved objects changed: add them, and leave the data indices as they are.
    log(`Adding the Kibana sample saved objects (version ${KIBANA_SAMPLE_VERSION}) to ${sourceUrl}...`);
    await loadKibanaSavedObjects(http, log);
    await writeMarker(http, { ...marker, kibana_sample: KIBANA_SAMPLE_VERSION });
    return { seeded: false };
  }

  const started = Date.now();
  log(`Seeding sample data into ${sourceUrl}...`);
  const names = [...SAMPLE_INDICES.map((spec) => spec.name), KIBANA_INDEX, MARKER_INDEX];
  await http.request('DELETE', `/${names.join(',')}?ignore_unavailable=true&expand_wildcards=all`);

  // Templates and pipelines first: the templated index and the pipeline-using index depend on them.
  await http.request('PUT', `/_ingest/pipeline/${INGEST_PIPELINE.name}`, INGEST_PIPELINE.body);
  await http.request('PUT', `/_component_template/${COMPONENT_TEMPLATE.name}`, COMPONENT_TEMPLATE.body);
  await http.request('PUT', `/_index_template/${INDEX_TEMPLATE.name}`, INDEX_TEMPLATE.body);

  for (const spec of SAMPLE_INDICES) await seedIndex(http, spec, log);

  await loadKibanaSavedObjects(http, log);

  await http.request('PUT', `/${MARKER_INDEX}`, { settings: { index: { hidden: true, number_of_replicas: 0 } } });
  await writeMarker(http, { version: SEED_VERSION, kibana_sample: KIBANA_SAMPLE_VERSION, seeded_at: new Date().toISOString() });
  log(`Seeded in ${Math.round((Date.now() - started) / 1000)} s.`);
  return { seeded: true };
};
