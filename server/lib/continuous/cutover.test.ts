import { cutoverConfirmation } from '../../../common/lib/continuous';
import type { ContinuousState, CutoverStep } from '../../../common/types/jobs';
import type { EsClient } from '../es_client';
import type { StoredJob } from '../job_record/job_record';
import { assertCancellable, requestCutover, requestRollback } from './actions';
import { continuousJobStatus } from './continuous_job';
import { addWriteBlock, advanceCutover, ContinuousJob } from './cutover';

const job = (state: Partial<ContinuousState> = {}): ContinuousJob => ({
  id: 'j',
  type: 'reindex',
  status: 'running',
  created_at: new Date(0).toISOString(),
  options: {
    concurrency: 2,
    requests_per_second: -1,
    prepare_destination: true,
    conflicts: 'abort',
    continuous: { change_field: 'updated_at', safety_margin_seconds: 60, numeric_safety_margin: 0, pass_interval_seconds: 10 },
  },
  progress: { total_docs: 0, done_docs: 0, docs_per_second: 0 },
  items: [{ id: 'i', source: 'logs', dest: 'copy-logs', status: 'completed', attempts: 1, progress: { total: 1, created: 1, updated: 0, version_conflicts: 0, failures: 0 } }],
  continuous: { phase: 'catching_up', pass_count: 0, passes: [], fields: { 'copy-logs': { field: 'updated_at', type: 'date' } }, source_state: 'writable', aliases_moved: false, ...state },
});

const responseError = (statusCode: number, reason: string) => Object.assign(new Error(reason), { name: 'ResponseError', statusCode, body: { error: reason } });

describe('cutover requests', () => {
  it('needs the typed phrase naming the source indices, and a job that caught up', () => {
    const current = job();
    expect(() => requestCutover(current, 'yes')).toThrow(expect.objectContaining({ statusCode: 400, details: expect.objectContaining({ field: 'confirmation', confirmation: 'make logs read-only' }) }));
    expect(() => requestCutover(job({ phase: 'full_copy' }), 'make logs read-only')).toThrow(expect.objectContaining({ statusCode: 409, code: 'cutover_refused' }));
    requestCutover(current, cutoverConfirmation(['logs']));
    expect(current.continuous.phase).toBe('cutting_over');
    expect(current.continuous.cutover?.steps.map((step) => `${step.name}:${step.status}`)).toEqual([
      'write_block:pending',
      'final_pass:pending',
      'reconcile:pending',
      'verify:pending',
      'aliases:pending',
      'report:pending',
    ]);
    expect(() => requestCutover(current, cutoverConfirmation(['logs']))).toThrow(expect.objectContaining({ code: 'cutover_refused' }));
    expect(() => assertCancellable(current)).toThrow(expect.objectContaining({ code: 'cutover_in_progress' }));
  });

  it('a stopped cutover goes on from its failed step; a rollback is refused once the aliases moved', () => {
    const current = job();
    requestCutover(current, 'make logs read-only');
    const cutover = current.continuous.cutover as NonNullable<ContinuousState['cutover']>;
    const [blockStep, passStep] = cutover.steps as [CutoverStep, CutoverStep];
    blockStep.status = 'completed';
    passStep.status = 'failed';
    passStep.error = { type: 'cutover_step_failed', reason: 'x' };
    cutover.status = 'waiting';
    expect(continuousJobStatus(current, 'completed')).toBe('paused');
    requestCutover(current, 'make logs read-only');
    expect(cutover.steps.map((step) => step.status).slice(0, 2)).toEqual(['completed', 'pending']);
    expect(cutover.status).toBe('running');
    requestRollback(current);
    expect(cutover).toMatchObject({ rollback_requested: true, status: 'rolling_back' });
    const moved = job({ phase: 'cutting_over', aliases_moved: true, cutover: { ...cutover, status: 'running', rollback_requested: false } });
    expect(() => requestRollback(moved)).toThrow(expect.objectContaining({ statusCode: 409, code: 'rollback_refused' }));
  });
});

describe('job status', () => {
  it('stays running after the full copy until cut over or cancelled', () => {
    expect(continuousJobStatus(job({ phase: 'full_copy' }), 'completed')).toBe('running');
    expect(continuousJobStatus(job({ phase: 'full_copy' }), 'failed')).toBe('failed');
    expect(continuousJobStatus(job(), 'completed')).toBe('running');
    expect(continuousJobStatus(job({ phase: 'cut_over' }), 'completed')).toBe('completed');
    expect(continuousJobStatus(job({ phase: 'cancelled' }), 'completed')).toBe('cancelled');
    expect(continuousJobStatus(job({ phase: 'cut_over' }), 'running')).toBe('running');
    const plain = { ...job(), options: { ...job().options, continuous: undefined } } as StoredJob;
    expect(continuousJobStatus(plain, 'completed')).toBe('completed');
  });
});

describe('cutover steps', () => {
  it('records the indices it blocks before blocking them, leaves those read-only before alone, and resumes without blocking twice', async () => {
    const calls: string[] = [];
    let persisted: string[] | undefined;
    const source = {
      indices: {
        getSettings: async () => ({ logs: { settings: {} } }),
        addBlock: async ({ index }: { index: string }) => calls.push(`block ${index}`),
        refresh: async () => calls.push('refresh'),
      },
      search: async () => ({ aggregations: {} }),
    } as unknown as EsClient;
    const current = job();
    requestCutover(current, 'make logs read-only');
    let killed = false;
    await expect(
      advanceCutover(current, {
        destination: {} as EsClient,
        source: async () => source,
        persist: async () => {
          persisted ??= current.continuous.cutover?.blocked;
        },
        fault: async (point) => {
          if (point === 'continuous:write_block:recorded' && !killed) {
            killed = true;
            throw new Error('killed');
          }
        },
        now: () => 1_000,
      })
    ).rejects.toThrow('killed');
    expect(persisted).toEqual(['logs']);
    expect(calls).toEqual([]);
    // The next runner: the block is sent, the step completes, the final pass is planned (and waits for the runner).
    await advanceCutover(current, { destination: {} as EsClient, source: async () => source, persist: async () => undefined, fault: async () => undefined, now: () => 2_000 });
    expect(calls).toEqual(['block logs', 'refresh']);
    expect(current.continuous.cutover).toMatchObject({ blocked: ['logs'], already_blocked: [], freeze_started_at: new Date(1_000).toISOString() });
    expect(current.continuous.cutover?.steps.slice(0, 2).map((step) => step.status)).toEqual(['completed', 'running']);
    expect(current.items.filter((item) => item.pass?.kind === 'final')).toHaveLength(1);
  });

  it('a step that fails stops the cutover with the reason, and the job waits', async () => {
    const current = job();
    requestCutover(current, 'make logs read-only');
    const source = { indices: { getSettings: async () => { throw responseError(403, 'action [indices:admin/settings/get] is unauthorized'); } } } as unknown as EsClient;
    await advanceCutover(current, { destination: {} as EsClient, source: async () => source, persist: async () => undefined, fault: async () => undefined, now: () => 1 });
    expect(current.continuous.cutover?.status).toBe('waiting');
    expect(current.continuous.cutover?.steps[0]).toMatchObject({ status: 'failed', error: { type: 'cutover_step_failed', reason: expect.stringContaining('unauthorized') } });
    expect(continuousJobStatus(current, 'completed')).toBe('paused');
  });

  it('before 7.9 (no _block API) the setting blocks writes, with a grace delay for writes in flight', async () => {
    const calls: unknown[] = [];
    const old = {
      indices: {
        addBlock: async () => {
          throw responseError(400, 'no handler found for uri [/logs/_block/write] and method [PUT]');
        },
        putSettings: async (request: unknown) => calls.push(request),
      },
    } as unknown as EsClient;
    let slept = 0;
    expect(await addWriteBlock(old, 'logs', async (ms) => void (slept = ms))).toBe('setting');
    expect(calls).toEqual([{ index: 'logs', settings: { 'index.blocks.write': true } }]);
    expect(slept).toBeGreaterThan(0);
  });
});
