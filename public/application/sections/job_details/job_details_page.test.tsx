import React from 'react';
import { screen, waitFor } from '@testing-library/react';
import type { Job, JobItem } from '../../../../common/types/jobs';
import { renderWithServices, testServices } from '../../test_helpers/render_with_services';
import { JobDetailsPage } from './job_details_page';

const job = (overrides: Partial<Job> = {}): Job => ({
  id: 'job-1',
  type: 'reindex',
  status: 'running',
  created_at: '2026-11-23T00:00:00.000Z',
  options: { concurrency: 3, requests_per_second: -1, prepare_destination: true, conflicts: 'abort' },
  progress: { total_docs: 200_000, done_docs: 50_000, docs_per_second: 5_000, eta_seconds: 30 },
  items: [
    {
      id: 'a',
      source: 'web-logs-2024',
      dest: 'web-logs-2024',
      status: 'running',
      source_count: 200_000,
      attempts: 1,
      progress: { total: 200_000, created: 50_000, updated: 0, version_conflicts: 0, failures: 0, docs_per_second: 5_000, eta_seconds: 30 },
    },
    {
      id: 'b',
      source: 'stores',
      dest: 'stores',
      status: 'failed',
      source_count: 500,
      attempts: 1,
      progress: { total: 0, created: 0, updated: 0, version_conflicts: 0, failures: 0 },
      error: { type: 'source_tls_untrusted', reason: 'PKIX path building failed', remedy: 'reindex.ssl.certificate_authorities: ["cacert.pem"]' },
    },
  ],
  ...overrides,
});

describe('JobDetailsPage', () => {
  it('shows whole-job and per-item progress, rate and time left, and each error with its remedy', async () => {
    const getJob = jest.fn().mockResolvedValue(job());
    renderWithServices(<JobDetailsPage />, testServices({ getJob }), { path: '/jobs/:id', route: '/jobs/job-1' });
    await waitFor(() => expect(screen.getByTestId('jobDocs').textContent).toBe('50,000 / 200,000'));
    expect(getJob).toHaveBeenCalledWith('job-1');
    expect(screen.getByTestId('jobProgress').getAttribute('data-percent')).toBe('25');
    expect(screen.getAllByText('30s')).toHaveLength(2); // the job's and the running item's time left
    expect(screen.getByTestId('jobStatusBadge').textContent).toBe('running');
    expect(screen.getByTestId('itemRow-web-logs-2024').textContent).toContain('50,000 / 200,000');
    expect(screen.getByTestId('itemErrorCallout').textContent).toContain('PKIX path building failed');
    expect(screen.getByTestId('itemErrorRemedy').textContent).toContain('reindex.ssl.certificate_authorities');
    // A running job shows its current rate, not an average.
    expect(screen.getByTestId('jobRate').textContent).toBe('5,000');
    expect(screen.getByTestId('jobRateStat').textContent).toContain('Documents per second');
    expect(screen.getByTestId('jobRateStat').textContent).not.toContain('Average');
    expect(screen.getByTestId('itemRow-web-logs-2024').querySelector('[data-test-subj="itemRate"]')?.textContent).toBe('5,000');
    expect(screen.getByTestId('throughputChart').getAttribute('data-source')).toBe('live');
  });

  it('draws a running job from the history its items report', async () => {
    const running = job();
    const [a, b] = running.items as [JobItem, JobItem];
    const samples = [{ at: 0, done: 0 }, { at: 2_000, done: 10_000 }, { at: 4_000, done: 30_000 }, { at: 6_000, done: 50_000 }];
    const getJob = jest.fn().mockResolvedValue({ ...running, items: [{ ...a, samples }, b] });
    renderWithServices(<JobDetailsPage />, testServices({ getJob }), { path: '/jobs/:id', route: '/jobs/job-1' });
    await waitFor(() => expect(screen.getByTestId('throughputChart').getAttribute('data-source')).toBe('history'));
    // Three intervals and the point that ends the series.
    expect(screen.getByTestId('throughputChart').getAttribute('data-points')).toBe('4');
    expect(screen.getByTestId('jobRate').textContent).toBe('5,000');
    expect(screen.getByTestId('jobEta').textContent).toBe('30s');
  });

  it('shows a finished job with its average rate, no time left, and its whole history', async () => {
    // 200,500 documents between 00:01:00 and 00:02:40: 100 s, 2,005 documents per second on average.
    const started = Date.parse('2026-11-23T00:01:00.000Z');
    const history = Array.from({ length: 51 }, (_, i) => ({ at: started + i * 2_000, done: i * 4_000 }));
    const completed = job({
      status: 'completed',
      started_at: '2026-11-23T00:01:00.000Z',
      finished_at: '2026-11-23T00:02:40.000Z',
      progress: { total_docs: 200_500, done_docs: 200_500, docs_per_second: 0, eta_seconds: 0 },
      items: [
        {
          id: 'a',
          source: 'web-logs-2024',
          dest: 'web-logs-2024',
          status: 'completed',
          source_count: 200_000,
          attempts: 1,
          progress: { total: 200_000, created: 200_000, updated: 0, version_conflicts: 0, failures: 0, docs_per_second: 0 },
          samples: history,
          started_at: '2026-11-23T00:01:00.000Z',
          finished_at: '2026-11-23T00:02:40.000Z',
        },
        {
          id: 'b',
          source: 'stores',
          dest: 'stores',
          status: 'completed',
          source_count: 500,
          attempts: 1,
          progress: { total: 500, created: 500, updated: 0, version_conflicts: 0, failures: 0, docs_per_second: 0 },
          started_at: '2026-11-23T00:01:00.000Z',
          finished_at: '2026-11-23T00:01:02.000Z',
        },
      ],
    });
    const getJob = jest.fn().mockResolvedValue(completed);
    renderWithServices(<JobDetailsPage />, testServices({ getJob }), { path: '/jobs/:id', route: '/jobs/job-1' });
    await waitFor(() => expect(screen.getByTestId('jobStatusBadge').textContent).toBe('completed'));
    expect(screen.getByTestId('jobRate').textContent).toBe('2,005');
    expect(screen.getByTestId('jobRateStat').textContent).toContain('Average documents per second');
    expect(screen.getByTestId('jobEta').textContent).toBe('—');
    expect(screen.getByTestId('itemRow-web-logs-2024').querySelector('[data-test-subj="itemRate"]')?.textContent).toBe('2,000 (average)');
    expect(screen.getByTestId('itemRow-stores').querySelector('[data-test-subj="itemRate"]')?.textContent).toBe('250 (average)');
    // The chart is drawn from the recorded history (50 intervals and the end), not from a single poll of zeros.
    expect(screen.getByTestId('throughputChart').getAttribute('data-source')).toBe('history');
    expect(screen.getByTestId('throughputChart').getAttribute('data-points')).toBe('51');
    expect(getJob).toHaveBeenCalledTimes(1);
  });

  it('draws a finished job without a recorded history at its average rate from start to finish', async () => {
    const cancelled = job({
      status: 'cancelled',
      started_at: '2026-11-23T00:01:00.000Z',
      finished_at: '2026-11-23T00:01:40.000Z',
      progress: { total_docs: 200_500, done_docs: 50_000, docs_per_second: 0 },
      items: [
        {
          id: 'a',
          source: 'web-logs-2024',
          dest: 'web-logs-2024',
          status: 'cancelled',
          source_count: 200_000,
          attempts: 1,
          progress: { total: 200_000, created: 50_000, updated: 0, version_conflicts: 0, failures: 0, docs_per_second: 0 },
          started_at: '2026-11-23T00:01:00.000Z',
          finished_at: '2026-11-23T00:01:40.000Z',
        },
        { id: 'b', source: 'stores', dest: 'stores', status: 'cancelled', source_count: 500, attempts: 0, progress: { total: 0, created: 0, updated: 0, version_conflicts: 0, failures: 0 } },
      ],
    });
    const getJob = jest.fn().mockResolvedValue(cancelled);
    renderWithServices(<JobDetailsPage />, testServices({ getJob }), { path: '/jobs/:id', route: '/jobs/job-1' });
    await waitFor(() => expect(screen.getByTestId('jobStatusBadge').textContent).toBe('cancelled'));
    expect(screen.getByTestId('jobRate').textContent).toBe('1,250');
    expect(screen.getByTestId('jobRateStat').textContent).toContain('Average documents per second');
    expect(screen.getByTestId('jobEta').textContent).toBe('—');
    expect(screen.getByTestId('itemRow-web-logs-2024').querySelector('[data-test-subj="itemRate"]')?.textContent).toBe('1,250 (average)');
    // Cancelled before it started: no average to show.
    expect(screen.getByTestId('itemRow-stores').querySelector('[data-test-subj="itemRate"]')?.textContent).toBe('—');
    expect(screen.getByTestId('throughputChart').getAttribute('data-source')).toBe('average');
    expect(screen.getByTestId('throughputChart').getAttribute('data-points')).toBe('2');
  });

  it('stops polling once the job has finished and offers retry', async () => {
    const getJob = jest.fn().mockResolvedValue(job({ status: 'failed' }));
    renderWithServices(<JobDetailsPage />, testServices({ getJob }), { path: '/jobs/:id', route: '/jobs/job-1' });
    await waitFor(() => expect(screen.getByTestId('jobStatusBadge').textContent).toBe('failed'));
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(getJob).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('retryJobButton').hasAttribute('disabled')).toBe(false);
    expect(screen.getByTestId('cancelJobButton').hasAttribute('disabled')).toBe(true);
  });

  it('says why a paused job waits, with the remedy, and offers the retry that resumes it', async () => {
    const waiting = { type: 'secret_unreadable', reason: 'The secret of source [prod] cannot be read: it was encrypted with another migrationAssistant.encryptionKey', remedy: 'Set migrationAssistant.encryptionKey back to the key the source was saved with, or enter the source password again.' };
    const paused = job({
      status: 'paused',
      items: [{ id: 'a', source: 'stores', dest: 'stores', status: 'queued', source_count: 500, attempts: 0, progress: { total: 0, created: 0, updated: 0, version_conflicts: 0, failures: 0 }, error: waiting }],
    });
    const retryJob = jest.fn().mockResolvedValue({ ...paused, status: 'queued' });
    renderWithServices(<JobDetailsPage />, testServices({ getJob: jest.fn().mockResolvedValue(paused), retryJob }), { path: '/jobs/:id', route: '/jobs/job-1' });
    await waitFor(() => expect(screen.getByTestId('jobPausedCallout').textContent).toContain('another migrationAssistant.encryptionKey'));
    expect(screen.getByTestId('jobPausedCallout').textContent).toContain('Set migrationAssistant.encryptionKey back');
    expect(screen.getByTestId('retryJobButton').hasAttribute('disabled')).toBe(false);
    expect(screen.getByTestId('cancelJobButton').hasAttribute('disabled')).toBe(false);
  });
});
