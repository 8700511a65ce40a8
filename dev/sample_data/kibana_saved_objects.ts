/*
 * A `.kibana` index laid out as Kibana 7.17 lays it out: the versioned index `.kibana_7.17.9_001` behind
 * the `.kibana` alias, strict root mappings, and saved objects of types index-pattern, visualization and
 * dashboard whose `references` tie them together (the objects verification checks by title).
 *
 * Besides the healthy objects, what the saved objects import (issue 17) must find before importing:
 *  - a dashboard as Kibana 6.8 wrote it, ids inside `panelsJSON` and `searchSourceJSON`, no `references`;
 *  - a space `marketing` with its own data view and a visualization (`marketing:type:id`, `namespace`);
 *  - a dashboard whose second panel points at a visualization that was deleted;
 *  - a visualization whose data view is missing.
 * Bump KIBANA_SAMPLE_VERSION when these change: seed.ts then loads them into a running test bed too.
 */
export const KIBANA_VERSION = '7.17.9';
export const KIBANA_INDEX = `.kibana_${KIBANA_VERSION}_001`;
export const KIBANA_ALIAS = '.kibana';
/** The version of the saved objects below; a seeded test bed with an older one gets them added (seed.ts). */
export const KIBANA_SAMPLE_VERSION = 2;

const typeMapping = (properties: Record<string, unknown>) => ({ dynamic: false, properties });

export const kibanaIndexBody = () => ({
  settings: {
    index: { number_of_shards: 1, number_of_replicas: 0, auto_expand_replicas: '0-1', hidden: true },
  },
  mappings: {
    dynamic: 'strict',
    properties: {
      type: { type: 'keyword' },
      namespace: { type: 'keyword' },
      namespaces: { type: 'keyword' },
      originId: { type: 'keyword' },
      updated_at: { type: 'date' },
      coreMigrationVersion: { type: 'keyword' },
      migrationVersion: { dynamic: 'true', type: 'object' },
      references: {
        type: 'nested',
        properties: { name: { type: 'keyword' }, type: { type: 'keyword' }, id: { type: 'keyword' } },
      },
      config: typeMapping({ buildNum: { type: 'keyword' } }),
      'index-pattern': typeMapping({ title: { type: 'text' }, type: { type: 'keyword' } }),
      visualization: typeMapping({
        title: { type: 'text' },
        description: { type: 'text' },
        version: { type: 'integer' },
        kibanaSavedObjectMeta: { properties: { searchSourceJSON: { type: 'text', index: false } } },
      }),
      dashboard: typeMapping({
        title: { type: 'text' },
        description: { type: 'text' },
        hits: { type: 'integer' },
        timeRestore: { type: 'boolean' },
      }),
      space: typeMapping({ name: { type: 'text' } }),
    },
  },
});

export interface SavedObjectDoc {
  _id: string;
  _source: Record<string, unknown>;
}

const UPDATED_AT = '2024-07-01T12:00:00.000Z';
const common = (type: string, migration: string, references: unknown[] = []) => ({
  type,
  references,
  migrationVersion: { [type]: migration },
  coreMigrationVersion: KIBANA_VERSION,
  updated_at: UPDATED_AT,
});

const searchSource = (withIndex: boolean) =>
  JSON.stringify({
    query: { query: '', language: 'kuery' },
    filter: [],
    ...(withIndex ? { indexRefName: 'kibanaSavedObjectMeta.searchSourceJSON.index' } : {}),
  });

/** A single-namespace object of another space: `space:type:id`, with `namespace` (7.x). */
const inSpace = (space: string, doc: SavedObjectDoc): SavedObjectDoc => ({ _id: `${space}:${doc._id}`, _source: { ...doc._source, namespace: space } });

const indexPattern = (id: string, title: string, timeFieldName?: string): SavedObjectDoc => ({
  _id: `index-pattern:${id}`,
  _source: {
    ...common('index-pattern', '7.11.0'),
    'index-pattern': { title, ...(timeFieldName ? { timeFieldName } : {}), fields: '[]' },
  },
});

const visualization = (id: string, title: string, visType: string, indexPatternId: string): SavedObjectDoc => ({
  _id: `visualization:${id}`,
  _source: {
    ...common('visualization', '7.17.0', [
      { name: 'kibanaSavedObjectMeta.searchSourceJSON.index', type: 'index-pattern', id: indexPatternId },
    ]),
    visualization: {
      title,
      description: '',
      version: 1,
      uiStateJSON: '{}',
      visState: JSON.stringify({ title, type: visType, params: {}, aggs: [] }),
      kibanaSavedObjectMeta: { searchSourceJSON: searchSource(true) },
    },
  },
});

const dashboard = (id: string, title: string, visualizationIds: string[]): SavedObjectDoc => ({
  _id: `dashboard:${id}`,
  _source: {
    ...common(
      'dashboard',
      '7.17.3',
      visualizationIds.map((visId, i) => ({ name: `panel_${i}`, type: 'visualization', id: visId }))
    ),
    dashboard: {
      title,
      description: '',
      hits: 0,
      timeRestore: false,
      version: 1,
      optionsJSON: JSON.stringify({ useMargins: true, hidePanelTitles: false }),
      panelsJSON: JSON.stringify(
        visualizationIds.map((_, i) => ({
          version: KIBANA_VERSION,
          type: 'visualization',
          gridData: { x: (i % 2) * 24, y: Math.floor(i / 2) * 15, w: 24, h: 15, i: String(i + 1) },
          panelIndex: String(i + 1),
          embeddableConfig: {},
          panelRefName: `panel_${i}`,
        }))
      ),
      kibanaSavedObjectMeta: { searchSourceJSON: searchSource(false) },
    },
  },
});

/** A dashboard as Kibana 6.8 stored it: no root `references`; panel ids and a filter's data view id in attributes. */
const dashboard68 = (id: string, title: string, visualizationIds: string[], filterIndexPatternId: string): SavedObjectDoc => ({
  _id: `dashboard:${id}`,
  _source: {
    type: 'dashboard',
    migrationVersion: {},
    updated_at: '2019-05-20T09:30:00.000Z',
    dashboard: {
      title,
      description: 'Made in Kibana 6.8',
      hits: 0,
      timeRestore: false,
      version: 1,
      optionsJSON: JSON.stringify({ darkTheme: false, useMargins: true, hidePanelTitles: false }),
      panelsJSON: JSON.stringify(
        visualizationIds.map((visId, i) => ({
          panelIndex: String(i + 1),
          gridData: { x: (i % 2) * 24, y: Math.floor(i / 2) * 15, w: 24, h: 15, i: String(i + 1) },
          embeddableConfig: {},
          version: '6.8.23',
          type: 'visualization',
          id: visId,
        }))
      ),
      kibanaSavedObjectMeta: {
        searchSourceJSON: JSON.stringify({
          query: { query: '', language: 'kuery' },
          filter: [
            {
              meta: { index: filterIndexPatternId, negate: false, disabled: false, alias: null, type: 'phrase', key: 'status', params: { query: 'shipped' } },
              query: { match: { status: { query: 'shipped', type: 'phrase' } } },
              $state: { store: 'appState' },
            },
          ],
        }),
      },
    },
  },
});

/** Ids of the objects the saved objects import test bed relies on (test/integration/saved_objects). */
export const SAMPLE_IDS = {
  webLogs: '0b7f6a40-1d3c-11ef-9c1e-5b5f2f4d0a01',
  orders: '0b7f6a40-1d3c-11ef-9c1e-5b5f2f4d0a02',
  marketingWebLogs: '0b7f6a40-1d3c-11ef-9c1e-5b5f2f4d0a03',
  /** No such data view: the one "Traffic by referrer" needs. */
  missingDataView: '0b7f6a40-1d3c-11ef-9c1e-5b5f2f4d0a99',
  requestsOverTime: '1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b01',
  httpStatusCodes: '1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b02',
  visitorsByCity: '1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b03',
  revenueByOrderStatus: '1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b04',
  campaignClicks: '1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b05',
  trafficByReferrer: '1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b06',
  /** Deleted: the second panel of "Campaigns" still points at it. */
  deletedVisualization: '1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b98',
  webTraffic: '2d3e4f50-1d3c-11ef-9c1e-5b5f2f4d0c01',
  sales: '2d3e4f50-1d3c-11ef-9c1e-5b5f2f4d0c02',
  campaigns: '2d3e4f50-1d3c-11ef-9c1e-5b5f2f4d0c03',
  orders68: '2d3e4f50-1d3c-11ef-9c1e-5b5f2f4d0c68',
  marketingSpace: 'marketing',
} as const;

export const savedObjects = (): SavedObjectDoc[] => [
  { _id: `config:${KIBANA_VERSION}`, _source: { ...common('config', '7.13.0'), config: { buildNum: 46568 } } },
  indexPattern('0b7f6a40-1d3c-11ef-9c1e-5b5f2f4d0a01', 'web-logs-*', '@timestamp'),
  indexPattern('0b7f6a40-1d3c-11ef-9c1e-5b5f2f4d0a02', 'orders'),
  visualization('1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b01', 'Requests over time', 'line', '0b7f6a40-1d3c-11ef-9c1e-5b5f2f4d0a01'),
  visualization('1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b02', 'HTTP status codes', 'pie', '0b7f6a40-1d3c-11ef-9c1e-5b5f2f4d0a01'),
  visualization('1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b03', 'Visitors by city', 'tile_map', '0b7f6a40-1d3c-11ef-9c1e-5b5f2f4d0a01'),
  visualization('1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b04', 'Revenue by order status', 'histogram', '0b7f6a40-1d3c-11ef-9c1e-5b5f2f4d0a02'),
  dashboard('2d3e4f50-1d3c-11ef-9c1e-5b5f2f4d0c01', 'Web traffic overview', [
    '1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b01',
    '1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b02',
    '1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b03',
  ]),
  dashboard('2d3e4f50-1d3c-11ef-9c1e-5b5f2f4d0c02', 'Sales', ['1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b04']),
  // Issue 17: what a selective import must find before importing (see the header).
  dashboard68(SAMPLE_IDS.orders68, 'Orders (6.8)', [SAMPLE_IDS.revenueByOrderStatus, SAMPLE_IDS.httpStatusCodes], SAMPLE_IDS.orders),
  { _id: `space:${SAMPLE_IDS.marketingSpace}`, _source: { ...common('space', '6.6.0'), space: { name: 'Marketing', disabledFeatures: [] } } },
  inSpace(SAMPLE_IDS.marketingSpace, indexPattern(SAMPLE_IDS.marketingWebLogs, 'web-logs-*', '@timestamp')),
  inSpace(SAMPLE_IDS.marketingSpace, visualization(SAMPLE_IDS.campaignClicks, 'Campaign clicks', 'line', SAMPLE_IDS.marketingWebLogs)),
  dashboard(SAMPLE_IDS.campaigns, 'Campaigns', [SAMPLE_IDS.httpStatusCodes, SAMPLE_IDS.deletedVisualization]),
  visualization(SAMPLE_IDS.trafficByReferrer, 'Traffic by referrer', 'table', SAMPLE_IDS.missingDataView),
];
