import type { ContinuousState } from '../../../common/types/jobs';
import type { StoredItem, StoredJob } from '../job_record/job_record';
import { reindexRequest } from '../reindex/launch';
import { copyPairs, passSince, planCopyPass, planReconcilePass, RECONCILE_BATCH_IDS, settlePasses } from './passes';

const item = (dest: string, extra: Partial<StoredJob['items'][number]> = {}): StoredJob['items'][number] => ({
  id: `${dest}-${Math.random()}`,
  source: dest.replace('copy-', ''),
  dest,
  status: 'completed',
  batch_size: 500,
  attempts: 1,
  progress: { total: 10, created: 10, updated: 0, version_conflicts: 0, failures: 0 },
  ...extra,
});

const job = (): StoredJob & { continuous: ContinuousState } => ({
  id: 'j',
  type: 'reindex',
  status: 'running',
  created_at: new Date(0).toISOString(),
  options: {
    concurrency: 2,
    requests_per_second: -1,
    prepare_destination: true,
    conflicts: 'abort',
    continuous: { change_field: 'updated_at', safety_margin_seconds: 60, numeric_safety_margin: 5, pass_interval_seconds: 10 },
  },
  progress: { total_docs: 0, done_docs: 0, docs_per_second: 0 },
  // A partitioned index: two items for one pair.
  items: [item('copy-a', { partition: { field: '@timestamp', lt: 5 } }), item('copy-a', { partition: { field: '@timestamp', gte: 5 } }), item('copy-b')],
  continuous: {
    phase: 'catching_up',
    pass_count: 0,
    passes: [],
    fields: { 'copy-a': { field: 'updated_at', type: 'date' }, 'copy-b': { field: 'seq', type: 'number' } },
    marks: { 'copy-a': 1_000_000, 'copy-b': 400 },
    source_state: 'writable',
    aliases_moved: false,
  },
});

const connection = { host: 'http://127.0.0.1:19200', auth: { type: 'none' as const } };

describe('catch-up passes', () => {
  it('one item per index (not per part), starting at the last mark minus the margin: seconds for dates, field units for numbers', () => {
    const current = job();
    expect(copyPairs(current).map((pair) => pair.dest)).toEqual(['copy-a', 'copy-b']);
    expect(passSince(current.continuous, 'copy-a', { safety_margin_seconds: 60, numeric_safety_margin: 5 })).toBe(1_000_000 - 60_000);
    expect(passSince(current.continuous, 'copy-b', { safety_margin_seconds: 60, numeric_safety_margin: 5 })).toBe(395);
    const pass = planCopyPass(current, 'catch_up', { 'copy-a': 2_000_000, 'copy-b': 900 }, 2_000_000);
    const queued = current.items.filter((candidate) => candidate.pass);
    expect(queued.map((candidate) => [candidate.dest, candidate.status, candidate.pass?.since, candidate.batch_size])).toEqual([
      ['copy-a', 'queued', 940_000, 500],
      ['copy-b', 'queued', 395, 500],
    ]);
    expect(pass).toMatchObject({ number: 1, kind: 'catch_up', status: 'running' });
    expect(current.continuous.pass_count).toBe(1);
  });

  it('a pass item reindexes with a range on the change field and op_type index (updates overwrite), even when retried as a resume', () => {
    const current = job();
    planCopyPass(current, 'catch_up', {}, 0);
    const [date, number] = current.items.filter((candidate) => candidate.pass) as [StoredItem, StoredItem];
    const dateRequest = reindexRequest(date, connection, { conflicts: 'abort', requests_per_second: -1 }, { resume: true });
    expect(dateRequest.source.query).toEqual({ range: { updated_at: { gte: 940_000, format: 'epoch_millis' } } });
    expect(dateRequest.dest.op_type).toBe('index');
    expect(dateRequest.conflicts).toBe('proceed');
    expect(reindexRequest(number, connection, { conflicts: 'abort', requests_per_second: -1 }).source.query).toEqual({ range: { seq: { gte: 395 } } });
  });

  it('a reconciliation copies exactly the missing ids, in batches', () => {
    const current = job();
    const ids = Array.from({ length: RECONCILE_BATCH_IDS + 3 }, (_, n) => `id${n}`);
    const pass = planReconcilePass(current, [
      { pair: { source: 'a', dest: 'copy-a' }, ids },
      { pair: { source: 'b', dest: 'copy-b' }, ids: [] },
    ]);
    const batches = current.items.filter((candidate) => candidate.pass);
    expect(batches.map((batch) => batch.pass?.ids)).toEqual([RECONCILE_BATCH_IDS, 3]);
    expect(pass?.indices.map((entry) => entry.dest)).toEqual(['copy-a']);
    expect(reindexRequest(batches[1] as StoredItem, connection, { conflicts: 'abort', requests_per_second: -1 }).source.query).toEqual({ ids: { values: ['id5000', 'id5001', 'id5002'] } });
    expect(planReconcilePass(job(), [{ pair: { source: 'a', dest: 'copy-a' }, ids: [] }])).toBeUndefined();
  });

  it('a pass settles once all its items ended: copied counts recorded, marks moved only by a completed copy pass, its items removed', () => {
    const current = job();
    planCopyPass(current, 'catch_up', { 'copy-a': 2_000_000, 'copy-b': 900 }, 2_000_000);
    const [first, second] = current.items.filter((candidate) => candidate.pass) as [StoredItem, StoredItem];
    first.status = 'completed';
    first.progress = { ...first.progress, created: 3, updated: 4 };
    expect(settlePasses(current)).toEqual([]);
    second.status = 'completed';
    const [settled] = settlePasses(current);
    expect(settled).toMatchObject({ status: 'completed', indices: [{ dest: 'copy-a', copied: 7 }, { dest: 'copy-b', copied: 0 }] });
    expect(current.continuous.marks).toEqual({ 'copy-a': 2_000_000, 'copy-b': 900 });
    expect(current.items.some((candidate) => candidate.pass)).toBe(false);

    planCopyPass(current, 'catch_up', { 'copy-a': 3_000_000, 'copy-b': 1_000 }, 3_000_000);
    for (const candidate of current.items.filter((entry) => entry.pass)) {
      candidate.status = 'failed';
      candidate.error = { type: 'source_unreachable', reason: 'gone' };
    }
    expect(settlePasses(current)[0]).toMatchObject({ status: 'failed', error: { type: 'source_unreachable' } });
    // A failed pass is repeated from the same place.
    expect(current.continuous.marks).toEqual({ 'copy-a': 2_000_000, 'copy-b': 900 });
  });
});
