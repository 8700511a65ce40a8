import React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { ContinuousState, Job } from '../../../../../common/types/jobs';
import { renderWithServices, testServices } from '../../../test_helpers/render_with_services';
import { ContinuousPanel } from './continuous_panel';

const job = (continuous: Partial<ContinuousState>): Job => ({
  id: 'job-1',
  type: 'reindex',
  status: 'running',
  created_at: '2026-11-23T00:00:00.000Z',
  options: { concurrency: 2, requests_per_second: -1, prepare_destination: true, conflicts: 'abort', continuous: { change_field: 'updated_at', safety_margin_seconds: 300, numeric_safety_margin: 0, pass_interval_seconds: 30 } },
  progress: { total_docs: 10, done_docs: 10, docs_per_second: 0 },
  items: [{ id: 'a', source: 'logs', dest: 'copy-logs', status: 'completed', attempts: 1, progress: { total: 10, created: 10, updated: 0, version_conflicts: 0, failures: 0 } }],
  continuous: {
    phase: 'catching_up',
    pass_count: 4,
    passes: [{ number: 4, kind: 'catch_up', status: 'completed', started_at: '2026-11-23T00:01:00.000Z', indices: [{ source: 'logs', dest: 'copy-logs', copied: 1234 }] }],
    lag: { docs: 56, seconds: 12, measured_at: '2026-11-23T00:01:05.000Z' },
    fields: { 'copy-logs': { field: 'updated_at', type: 'date' } },
    source_state: 'writable',
    aliases_moved: false,
    ...continuous,
  },
});

describe('ContinuousPanel', () => {
  it('shows the lag and passes, and cuts over only with the typed phrase naming the source indices', async () => {
    const cutoverJob = jest.fn().mockResolvedValue(job({ phase: 'cutting_over' }));
    const onChange = jest.fn();
    renderWithServices(<ContinuousPanel job={job({})} onChange={onChange} />, testServices({ cutoverJob }));
    expect(screen.getByTestId('continuousLagDocs').textContent).toContain('56');
    expect(screen.getByTestId('continuousPasses').textContent).toContain('1,234');
    expect(screen.queryByTestId('rollbackButton')).toBeNull();
    fireEvent.click(screen.getByTestId('cutoverButton'));
    fireEvent.change(screen.getByTestId('cutoverConfirmInput'), { target: { value: 'make logs read-only' } });
    fireEvent.click(screen.getByTestId('confirmModalConfirmButton'));
    await waitFor(() => expect(cutoverJob).toHaveBeenCalledWith('job-1', 'make logs read-only'));
    await waitFor(() => expect(onChange).toHaveBeenCalled());
  });

  it('shows each cutover step with its state and error, and offers the rollback until the aliases moved', async () => {
    const rollbackJob = jest.fn().mockResolvedValue(job({}));
    const steps = [
      { name: 'write_block' as const, status: 'completed' as const, details: { blocked: ['logs'] } },
      { name: 'final_pass' as const, status: 'completed' as const },
      { name: 'reconcile' as const, status: 'completed' as const, details: { round: 2, copied: 3, deleted: 7 } },
      { name: 'verify' as const, status: 'failed' as const, error: { type: 'cutover_step_failed', reason: 'copy-logs holds 9 documents, logs 10', remedy: 'Cut over again' } },
      { name: 'aliases' as const, status: 'pending' as const },
      { name: 'report' as const, status: 'pending' as const },
    ];
    renderWithServices(
      <ContinuousPanel job={job({ phase: 'cutting_over', source_state: 'read_only', cutover: { status: 'waiting', requested_at: '2026-11-23T00:02:00.000Z', steps, blocked: ['logs'] } })} onChange={jest.fn()} />,
      testServices({ rollbackJob })
    );
    expect(screen.getByTestId('cutoverStep-write_block').textContent).toContain('Read-only: logs');
    expect(screen.getByTestId('cutoverStep-reconcile').textContent).toContain('3 copied, 7 deleted');
    expect(screen.getByTestId('cutoverStep-verify').textContent).toContain('copy-logs holds 9 documents, logs 10');
    expect(screen.getByTestId('continuousSourceState').textContent).toContain('read-only');
    expect(screen.getByTestId('cutoverButton').textContent).toContain('Go on with the cutover');
    fireEvent.click(screen.getByTestId('rollbackButton'));
    fireEvent.click(screen.getByTestId('confirmModalConfirmButton'));
    await waitFor(() => expect(rollbackJob).toHaveBeenCalledWith('job-1'));
  });

  it('after the cutover: the write-freeze window and what to do next, no more actions', () => {
    renderWithServices(
      <ContinuousPanel
        job={job({ phase: 'cut_over', aliases_moved: true, cutover: { status: 'completed', requested_at: '2026-11-23T00:02:00.000Z', steps: [], write_freeze_seconds: 4.2 } })}
        onChange={jest.fn()}
      />,
      testServices({})
    );
    expect(screen.getByTestId('cutoverDone').textContent).toContain('4.2 seconds');
    expect(screen.getByTestId('cutoverDone').textContent).toContain('Point your clients at the destination');
    expect(screen.queryByTestId('cutoverButton')).toBeNull();
    expect(screen.queryByTestId('rollbackButton')).toBeNull();
  });
});
