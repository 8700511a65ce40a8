/* The raw-layout reader on documents as Kibana 6.8, 7.17 and 8.x write them. */
import { detectKibanaVersion, detectLayout, readRawSavedObject, RawSavedObjectDoc } from './raw_layout';

const doc68: RawSavedObjectDoc = {
  _id: 'dashboard:d68',
  _index: '.kibana_2',
  _source: {
    type: 'dashboard',
    migrationVersion: {},
    updated_at: '2019-05-20T09:30:00.000Z',
    dashboard: {
      title: 'Old dashboard',
      panelsJSON: JSON.stringify([
        { panelIndex: '1', type: 'visualization', id: 'vis-1', embeddableConfig: {} },
        { panelIndex: '2', type: 'search', id: 'search-1', embeddableConfig: {} },
      ]),
      kibanaSavedObjectMeta: {
        searchSourceJSON: JSON.stringify({ index: 'ip-1', filter: [{ meta: { index: 'ip-2' } }, { meta: {} }, { meta: { index: 'ip-3' } }] }),
      },
    },
  },
};

const vis68InSpace: RawSavedObjectDoc = {
  _id: 'sales:visualization:v68',
  _source: {
    type: 'visualization',
    namespace: 'sales',
    migrationVersion: { visualization: '6.7.2' },
    visualization: { title: 'Old vis', savedSearchId: 'search-9', kibanaSavedObjectMeta: { searchSourceJSON: '{}' } },
  },
};

const config68: RawSavedObjectDoc = { _id: 'config:6.8.23', _source: { type: 'config', config: { buildNum: 1 } } };

const vis717: RawSavedObjectDoc = {
  _id: 'marketing:visualization:v717',
  _index: '.kibana_7.17.9_001',
  _source: {
    type: 'visualization',
    namespace: 'marketing',
    references: [{ name: 'kibanaSavedObjectMeta.searchSourceJSON.index', type: 'index-pattern', id: 'ip-1' }],
    migrationVersion: { visualization: '7.17.0' },
    coreMigrationVersion: '7.17.9',
    updated_at: '2024-07-01T12:00:00.000Z',
    visualization: { title: 'Clicks', kibanaSavedObjectMeta: { searchSourceJSON: '{"indexRefName":"kibanaSavedObjectMeta.searchSourceJSON.index"}' } },
  },
};

const dashboard8: RawSavedObjectDoc = {
  _id: 'dashboard:d8',
  _index: '.kibana_analytics_8.15.0_001',
  _source: {
    type: 'dashboard',
    namespaces: ['default', 'team-a'],
    originId: 'old-id',
    references: [{ name: '1:panel_1', type: 'lens', id: 'lens-1' }],
    typeMigrationVersion: '10.2.0',
    coreMigrationVersion: '8.8.0',
    managed: false,
    created_at: '2024-01-01T00:00:00.000Z',
    updated_at: '2024-02-01T00:00:00.000Z',
    dashboard: { title: 'New dashboard', panelsJSON: '[]' },
  },
};

const config8: RawSavedObjectDoc = { _id: 'config:8.15.0', _index: '.kibana_8.15.0_001', _source: { type: 'config', namespace: undefined, config: {}, typeMigrationVersion: '10.1.0' } };

describe('readRawSavedObject', () => {
  it('6.8: extracts ids from panelsJSON and searchSourceJSON as Kibana’s 7.0.0 migrations name them', () => {
    const object = readRawSavedObject(doc68);
    expect(object).toMatchObject({ id: 'd68', type: 'dashboard', title: 'Old dashboard', spaces: ['default'], extracted_references: true });
    expect(object?.references).toEqual([
      { name: 'kibanaSavedObjectMeta.searchSourceJSON.index', type: 'index-pattern', id: 'ip-1' },
      { name: 'kibanaSavedObjectMeta.searchSourceJSON.filter[0].meta.index', type: 'index-pattern', id: 'ip-2' },
      { name: 'kibanaSavedObjectMeta.searchSourceJSON.filter[2].meta.index', type: 'index-pattern', id: 'ip-3' },
      { name: 'panel_0', type: 'visualization', id: 'vis-1' },
      { name: 'panel_1', type: 'search', id: 'search-1' },
    ]);
    // Attributes stay as 6.8 wrote them: Kibana's importer runs its own 7.0.0 migrations on them.
    expect(object?.attributes).toBe(doc68._source.dashboard);
  });

  it('6.8: a visualization of another space, its saved search as search_0', () => {
    expect(readRawSavedObject(vis68InSpace)).toMatchObject({
      id: 'v68',
      spaces: ['sales'],
      raw_id: 'sales:visualization:v68',
      references: [{ name: 'search_0', type: 'search', id: 'search-9' }],
      migrationVersion: { visualization: '6.7.2' },
    });
  });

  it('7.x: root references, namespace prefix and version fields kept', () => {
    const object = readRawSavedObject(vis717);
    expect(object).toEqual({
      id: 'v717',
      type: 'visualization',
      raw_id: 'marketing:visualization:v717',
      title: 'Clicks',
      spaces: ['marketing'],
      attributes: vis717._source.visualization,
      references: [{ name: 'kibanaSavedObjectMeta.searchSourceJSON.index', type: 'index-pattern', id: 'ip-1' }],
      migrationVersion: { visualization: '7.17.0' },
      coreMigrationVersion: '7.17.9',
      updated_at: '2024-07-01T12:00:00.000Z',
    });
  });

  it('8.x: multi-namespace objects without prefix, their spaces from namespaces, 8.8+ fields', () => {
    expect(readRawSavedObject(dashboard8)).toMatchObject({
      id: 'd8',
      spaces: ['default', 'team-a'],
      originId: 'old-id',
      typeMigrationVersion: '10.2.0',
      managed: false,
      created_at: '2024-01-01T00:00:00.000Z',
      references: [{ name: '1:panel_1', type: 'lens', id: 'lens-1' }],
    });
  });

  it('skips documents that are no saved object', () => {
    expect(readRawSavedObject({ _id: 'x', _source: { foo: 1 } })).toBeUndefined();
    expect(readRawSavedObject({ _id: 'dashboard:x', _source: { type: 'dashboard' } })).toBeUndefined();
  });
});

describe('detectKibanaVersion and detectLayout', () => {
  it('reads the version from config ids, then index names, then coreMigrationVersion', () => {
    expect(detectKibanaVersion([doc68, config68])).toBe('6.8.23');
    expect(detectKibanaVersion([vis717])).toBe('7.17.9');
    expect(detectKibanaVersion([dashboard8])).toBe('8.15.0');
    expect(detectKibanaVersion([{ _id: 'a', _source: { type: 'x', x: {}, coreMigrationVersion: '7.12.1' } }])).toBe('7.12.1');
  });

  it('names the layout by version, else by fields', () => {
    expect(detectLayout([doc68, config68])).toBe('6.8');
    expect(detectLayout([vis717])).toBe('7.x');
    expect(detectLayout([dashboard8, config8])).toBe('8.x');
    expect(detectLayout([{ _id: 'dashboard:a', _source: { type: 'dashboard', dashboard: {} } }])).toBe('6.8');
    expect(detectLayout([{ _id: 'dashboard:a', _source: { type: 'dashboard', dashboard: {}, references: [] } }])).toBe('7.x');
    expect(detectLayout([{ _id: 'dashboard:a', _source: { type: 'dashboard', dashboard: {}, namespaces: ['default'] } }])).toBe('8.x');
  });
});
