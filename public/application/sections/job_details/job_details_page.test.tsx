import React from 'react';
import { screen, waitFor } from '@testing-library/react';
import type { Job } from '../../../../common/types/jobs';
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
});
