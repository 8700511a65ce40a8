import { deleteExtras, diffIds, readIds } from './reconcile';
import type { EsClient } from '../es_client';

describe('reconciliation by id', () => {
  it('finds the ids the destination lacks and those it has no longer on the source, keeping their routing', () => {
    const source = new Map([['a', undefined], ['b', undefined], ['c', 'r1']]);
    const dest = new Map<string, string | undefined>([['b', undefined], ['x', 'r2'], ['y', undefined]]);
    expect(diffIds(source, dest)).toEqual({ missing: ['a', 'c'], extra: [{ id: 'x', routing: 'r2' }, { id: 'y' }] });
  });

  it('reads ids with a scroll of ids only (no _source, no partial results) and clears it', async () => {
    const calls: unknown[] = [];
    const page = (ids: string[], scrollId: string) => ({ _scroll_id: scrollId, hits: { hits: ids.map((id) => ({ _id: id, ...(id === 'r' ? { _routing: 'k' } : {}) })) } });
    const full = Array.from({ length: 10_000 }, (_, n) => `id${n}`);
    const client = {
      search: async (request: unknown) => (calls.push(['search', request]), page(full, 's1')),
      scroll: async (request: unknown) => (calls.push(['scroll', request]), page(['r'], 's2')),
      clearScroll: async (request: unknown) => calls.push(['clear', request]),
    } as unknown as EsClient;
    const ids = await readIds(client, 'idx');
    expect(ids.size).toBe(10_001);
    expect(ids.get('r')).toBe('k');
    expect(calls[0]).toEqual(['search', expect.objectContaining({ index: 'idx', _source: false, sort: ['_doc'], allow_partial_search_results: false, size: 10_000 })]);
    expect(calls.at(-1)).toEqual(['clear', { scroll_id: 's2' }]);
  });

  it('deletes extras with their routing; a document gone already counts as deleted, another failure stops', async () => {
    const bulks: unknown[] = [];
    const client = {
      bulk: async (request: { operations: Array<{ delete: { _id: string } }> }) => {
        bulks.push(request.operations);
        return { items: request.operations.map((op) => ({ delete: { _id: op.delete._id, status: op.delete._id === 'gone' ? 404 : op.delete._id === 'bad' ? 500 : 200, error: { reason: 'boom' } } })) };
      },
      indices: { refresh: async () => undefined },
    } as unknown as EsClient;
    expect(await deleteExtras(client, 'copy', [{ id: 'x', routing: 'r' }, { id: 'gone' }])).toBe(2);
    expect(bulks[0]).toEqual([{ delete: { _index: 'copy', _id: 'x', routing: 'r' } }, { delete: { _index: 'copy', _id: 'gone' } }]);
    await expect(deleteExtras(client, 'copy', [{ id: 'bad' }])).rejects.toThrow(/Deleting \[bad\] from \[copy\] failed: boom/);
  });
});
