import React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { JobSummary } from '../../../../common/types/jobs';
import { renderWithServices, testServices } from '../../test_helpers/render_with_services';
import { JobsPage } from './jobs_page';

const summary = (id: string, status: JobSummary['status']): JobSummary => ({
  id,
  type: 'reindex',
  status,
  created_at: '2026-11-25T00:00:00.000Z',
  options: { concurrency: 3, requests_per_second: -1, prepare_destination: true, conflicts: 'abort' },
  progress: { total_docs: 1_000, done_docs: status === 'completed' ? 1_000 : 250, docs_per_second: 0 },
  item_counts: {},
});

describe('JobsPage', () => {
  it('lists jobs page by page, filters by status, and deletes only finished jobs', async () => {
    const listJobs = jest.fn().mockResolvedValue({ total: 2, jobs: [summary('running-job-1', 'running'), summary('done-job-22', 'completed')] });
    const deleteJob = jest.fn().mockResolvedValue(undefined);
    renderWithServices(<JobsPage />, testServices({ listJobs, deleteJob }));
    await waitFor(() => expect(screen.getAllByTestId('jobLink').map((n) => n.textContent)).toEqual(['running-', 'done-job']));
    expect(listJobs).toHaveBeenCalledWith({ status: undefined, page: 1, per_page: 10 });
    expect(screen.getByText('250 / 1,000')).toBeTruthy();

    expect(screen.getByTestId('deleteJob-running-job-1').hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByTestId('deleteJob-done-job-22'));
    await waitFor(() => expect(deleteJob).toHaveBeenCalledWith('done-job-22'));
    await waitFor(() => expect(listJobs).toHaveBeenCalledTimes(2));

    fireEvent.change(screen.getByTestId('jobStatusFilter'), { target: { value: 'failed' } });
    await waitFor(() => expect(listJobs).toHaveBeenLastCalledWith({ status: 'failed', page: 1, per_page: 10 }));
  });

  it('shows each job with its type; a saved objects import counts objects', async () => {
    const imported: JobSummary = { ...summary('so-job-333', 'completed'), type: 'saved_objects', progress: { total_docs: 11, done_docs: 9, docs_per_second: 0 } };
    renderWithServices(<JobsPage />, testServices({ listJobs: jest.fn().mockResolvedValue({ total: 2, jobs: [summary('reindex-job-4', 'running'), imported] }) }));
    await waitFor(() => expect(screen.getAllByTestId('jobType').map((n) => n.textContent)).toEqual(['Reindex', 'Saved objects import']));
    expect(screen.getByText('9 / 11 objects')).toBeTruthy();
  });
});
