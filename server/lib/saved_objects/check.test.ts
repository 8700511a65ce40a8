/* The check with a stand-in of this Kibana's saved objects: references, clashes, origins, too-new objects, unsupported types. */
import type { SourceSavedObject } from '../../../common/types/saved_objects';
import { checkSelection } from './check';
import type { DestinationKibana, SoClientObject, SoType } from './kibana_saved_objects_api';
import { resolveSelection, SavedObjectIndex } from './selection';

const object = (type: string, id: string, references: Array<[string, string, string]> = [], extra: Partial<SourceSavedObject> = {}): SourceSavedObject => ({
  type,
  id,
  raw_id: `${type}:${id}`,
  title: `${type} ${id}`,
  spaces: ['default'],
  attributes: { title: `${type} ${id}` },
  references: references.map(([name, refType, refId]) => ({ name, type: refType, id: refId })),
  ...extra,
});

const destination = (existing: SoClientObject[] = []): DestinationKibana => {
  const types: SoType[] = ['dashboard', 'visualization', 'index-pattern', 'search'].map((name) => ({
    name,
    namespaceType: name === 'index-pattern' ? 'multiple' : 'multiple-isolated',
    management: { importableAndExportable: true },
  }));
  return {
    kibanaVersion: '9.1.0',
    registry: {
      getType: (name) => types.find((type) => type.name === name),
      getImportableAndExportableTypes: () => types,
      isMultiNamespace: () => true,
    },
    importer: { import: jest.fn() },
    client: {
      bulkGet: async (objects) => ({
        saved_objects: objects.map(({ type, id }) => existing.find((o) => o.type === type && o.id === id) ?? { type, id, attributes: {}, error: { statusCode: 404, message: 'Not found' } }),
      }),
      find: async ({ type, search }) => {
        const ids = [...(search ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]);
        const found = existing.filter((o) => o.type === type && (ids.includes(`${o.type}:${o.id}`) || (o.originId !== undefined && ids.includes(o.originId))));
        return { total: found.length, saved_objects: found };
      },
    },
  };
};

const run = (objects: SourceSavedObject[], picked: Array<[string, string]>, dest: DestinationKibana, mode: 'overwrite' | 'keep_existing' | 'create_new_copies' = 'overwrite', includeReferences = false) => {
  const index = new SavedObjectIndex(objects);
  const selection = resolveSelection(index, picked.map(([type, id]) => ({ type, id, space: 'default' })), includeReferences);
  return checkSelection({ index, selection, destination: dest, space: 'default', mode, readFrom: 'test', sourceKibanaVersion: '8.19.0' });
};

describe('checkSelection', () => {
  const objects = [
    object('index-pattern', 'ip'),
    object('visualization', 'vis', [['kibanaSavedObjectMeta.searchSourceJSON.index', 'index-pattern', 'ip']]),
    object('dashboard', 'dash', [['panel_0', 'visualization', 'vis'], ['panel_1', 'visualization', 'gone']]),
    object('timelion-sheet', 'sheet'),
    object('visualization', 'new', [], { typeMigrationVersion: '10.9.0' }),
  ];

  it('finds references in this Kibana by id or by originId, and names the missing one', async () => {
    const dest = destination([{ type: 'visualization', id: 'copy-of-vis', originId: 'vis', attributes: { title: 'copy' } }]);
    const { report, importable } = await run(objects, [['dashboard', 'dash']], dest);
    expect(report.objects[0]?.references).toEqual([
      { name: 'panel_0', type: 'visualization', id: 'vis', status: 'in_destination', destination_id: 'copy-of-vis' },
      { name: 'panel_1', type: 'visualization', id: 'gone', status: 'missing' },
    ]);
    expect(report.problems.map((p) => p.kind)).toEqual(['missing_reference']);
    expect(importable).toEqual([]);
  });

  it('refuses unsupported and too-new objects, and whatever references them', async () => {
    const withRefs = [...objects, object('dashboard', 'd2', [['panel_0', 'visualization', 'new']])];
    const { report } = await run(withRefs, [['timelion-sheet', 'sheet'], ['dashboard', 'd2'], ['visualization', 'new']], destination());
    expect(report.problems.map((p) => [p.kind, p.id])).toEqual([
      ['unsupported_type', 'sheet'],
      ['too_new', 'new'],
      ['reference_refused', 'd2'],
    ]);
    expect(report.problems[1]?.message).toContain('belongs to a more recent version of Kibana [10.9.0]');
    expect(report.summary).toMatchObject({ selected: 3, importable: 0, refused: 3 });
  });

  it('says what each mode does to a clash', async () => {
    const dest = destination([{ type: 'index-pattern', id: 'ip', attributes: { title: 'ip' } }]);
    const overwrite = await run(objects, [['index-pattern', 'ip']], dest, 'overwrite');
    expect(overwrite.report.objects[0]).toMatchObject({ outcome: 'overwrite', destination_id: 'ip' });
    const keep = await run(objects, [['visualization', 'vis']], dest, 'keep_existing', true);
    expect(keep.report.objects.map((o) => [o.id, o.outcome])).toEqual([['vis', 'create'], ['ip', 'refuse']]);
    expect(keep.report.objects[0]?.references[0]).toMatchObject({ status: 'in_destination', destination_id: 'ip' });
    expect(keep.importable.map((entry) => entry.object.id)).toEqual(['vis']);
    const copies = await run(objects, [['index-pattern', 'ip']], dest, 'create_new_copies');
    expect(copies.report.objects[0]?.outcome).toBe('new_copy');
  });

  it('calls two origins of one object an ambiguous conflict', async () => {
    const dest = destination([
      { type: 'index-pattern', id: 'a', originId: 'ip', attributes: {} },
      { type: 'index-pattern', id: 'b', originId: 'ip', attributes: {} },
    ]);
    const { report } = await run(objects, [['index-pattern', 'ip']], dest);
    expect(report.problems.map((p) => p.kind)).toEqual(['ambiguous_conflict']);
  });
});
