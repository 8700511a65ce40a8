import type { SavedObjectsImportReport } from '../../../common/types/saved_objects';
import { outcomeOf, savedObjectsJob } from './saved_objects_job';

const report = (results: SavedObjectsImportReport['results']): SavedObjectsImportReport => ({
  imported_at: '2026-11-30T00:00:02.000Z',
  space: 'marketing',
  mode: 'overwrite',
  batches: 1,
  success_count: results.filter((r) => r.status !== 'refused').length,
  refused_count: results.filter((r) => r.status === 'refused').length,
  results,
  check: {
    checked_at: '2026-11-30T00:00:01.000Z',
    read_from: 'the .kibana indices of http://source:9200',
    source_kibana_version: '7.17.9',
    kibana_version: '9.1.0',
    space: 'marketing',
    mode: 'overwrite',
    objects: [],
    problems: [],
    summary: { selected: results.length, importable: 0, refused: 0, broken_references: 0, warnings: 0 },
  },
});

describe('saved_objects jobs', () => {
  it('names each outcome: a created object with an id of its own is a new copy', () => {
    expect(outcomeOf({ status: 'created', id: 'a' })).toBe('created');
    expect(outcomeOf({ status: 'created', id: 'a', destination_id: 'a' })).toBe('created');
    expect(outcomeOf({ status: 'created', id: 'a', destination_id: 'b' })).toBe('new_copy');
    expect(outcomeOf({ status: 'overwritten', id: 'a', destination_id: 'b' })).toBe('overwritten');
    expect(outcomeOf({ status: 'refused', id: 'a', destination_id: 'b' })).toBe('refused');
  });

  it('is written finished, with its source, space, mode, indices and counts; failed when everything was refused', () => {
    const job = savedObjectsJob(
      report([
        { type: 'dashboard', id: 'd1', title: 'Sales', status: 'created', destination_id: 'n1', batch: 1 },
        { type: 'visualization', id: 'v1', title: 'Codes', status: 'refused', error: { type: 'missing_reference', message: 'gone', remedy: 'import it' } },
      ]),
      { from: { source_id: 'src' }, indices: ['.kibana_analytics'], owner: { username: 'kara' }, startedAt: '2026-11-30T00:00:00.000Z' }
    );
    expect(job).toMatchObject({
      type: 'saved_objects',
      status: 'completed',
      source_id: 'src',
      owner: { username: 'kara' },
      items: [],
      progress: { total_docs: 2, done_docs: 1 },
      finished_at: '2026-11-30T00:00:02.000Z',
      saved_objects: { space: 'marketing', mode: 'overwrite', indices: ['.kibana_analytics'], source_kibana_version: '7.17.9', counts: { created: 0, new_copy: 1, overwritten: 0, refused: 1 } },
    });
    expect(job.saved_objects?.results[1]).toEqual({ type: 'visualization', id: 'v1', title: 'Codes', outcome: 'refused', error: { type: 'missing_reference', message: 'gone', remedy: 'import it' } });
    const refused = savedObjectsJob(report([{ type: 'dashboard', id: 'd1', title: 'Sales', status: 'refused' }]), { from: { index: 'restored_.kibana' }, indices: [], startedAt: '2026-11-30T00:00:00.000Z' });
    expect(refused.status).toBe('failed');
    expect(refused.source_id).toBeUndefined();
  });
});
