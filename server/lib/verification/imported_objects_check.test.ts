import type { SavedObjectsJobState } from '../../../common/types/jobs';
import type { EsClient } from '../es_client';
import { verifyImportedObjects } from './imported_objects_check';

const state = (space: string): SavedObjectsJobState => ({
  from: { source_id: 'src' },
  read_from: 'source',
  space,
  mode: 'overwrite',
  indices: ['.kibana_analytics'],
  batches: 1,
  counts: { created: 3, overwritten: 0, new_copy: 1, refused: 1 },
  results: [
    { type: 'dashboard', id: 'd1', title: 'Sales', outcome: 'created' },
    { type: 'dashboard', id: 'd2', title: 'Sales', outcome: 'new_copy', destination_id: 'n2' },
    { type: 'visualization', id: 'v1', title: 'Codes', outcome: 'created' },
    { type: 'config', id: 'c1', title: 'Advanced settings', outcome: 'created' },
    { type: 'visualization', id: 'v9', title: 'Refused', outcome: 'refused' },
  ],
});

const clientWith = (docs: Record<string, Record<string, unknown>>) => {
  const search = jest.fn(async ({ query }: { query: { ids: { values: string[] } } }) => ({
    hits: { hits: query.ids.values.filter((id) => docs[id]).map((id) => ({ _id: id, _source: docs[id] })) },
  }));
  return { client: { search } as unknown as EsClient, search };
};

describe('verifyImportedObjects', () => {
  it('reads each written object by raw id in the job space: present, missing, renamed; refused ones are not read', async () => {
    const { client, search } = clientWith({
      'dashboard:d1': { type: 'dashboard', namespaces: ['marketing'], dashboard: { title: 'Sales' } },
      // The new copy is in another space only: missing here.
      'dashboard:n2': { type: 'dashboard', namespaces: ['default'], dashboard: { title: 'Sales' } },
      'visualization:v1': { type: 'visualization', namespaces: ['*'], visualization: { title: 'HTTP codes' } },
      // A single-namespace type of another space has the space in its raw id.
      'marketing:config:c1': { type: 'config', namespace: 'marketing', config: {} },
    });
    const verified = await verifyImportedObjects(client, state('marketing'));
    expect(search).toHaveBeenCalledWith(expect.objectContaining({ index: '.kibana_analytics' }));
    expect(verified).toMatchObject({ space: 'marketing', present: 2, missing: 1, title_changed: 1 });
    expect(verified.objects.map((o) => [o.type, o.id, o.state])).toEqual([
      ['dashboard', 'd1', 'present'],
      ['dashboard', 'n2', 'missing'],
      ['visualization', 'v1', 'title_changed'],
      ['config', 'c1', 'present'],
    ]);
    expect(verified.objects[1]).toMatchObject({ source_id: 'd2', remedy: expect.stringContaining('Import it again') });
    expect(verified.objects[2]).toMatchObject({ found_title: 'HTTP codes', remedy: expect.any(String) });
  });

  it('in the default space, a document with neither namespace field is there, one of another space is not', async () => {
    const { client } = clientWith({
      'dashboard:d1': { type: 'dashboard', dashboard: { title: 'Sales' } },
      'visualization:v1': { type: 'visualization', namespace: 'marketing', visualization: { title: 'Codes' } },
    });
    const verified = await verifyImportedObjects(client, { ...state('default'), results: state('default').results.slice(0, 3).filter((r) => r.id !== 'd2') });
    expect(verified.objects.map((o) => o.state)).toEqual(['present', 'missing']);
  });
});
