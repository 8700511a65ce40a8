/*
 * A `.kibana` index laid out as Kibana 7.17 lays it out: the versioned index `.kibana_7.17.9_001` behind
 * the `.kibana` alias, strict root mappings, and saved objects of types index-pattern, visualization and
 * dashboard whose `references` tie them together (the objects verification checks by title).
 */
export const KIBANA_VERSION = '7.17.9';
export const KIBANA_INDEX = `.kibana_${KIBANA_VERSION}_001`;
export const KIBANA_ALIAS = '.kibana';

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
];
