import React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { Job, SavedObjectsJobResult } from '../../../../../common/types/jobs';
import { renderWithServices, testServices } from '../../../test_helpers/render_with_services';
import { JobDetailsPage } from '../job_details_page';
import { SavedObjectsJobView } from './saved_objects_job_view';

const results: SavedObjectsJobResult[] = [
  { type: 'index-pattern', id: 'logs-dv', title: 'web-logs-*', outcome: 'created', batch: 1 },
  { type: 'visualization', id: 'http-codes', title: 'HTTP status codes', outcome: 'overwritten', batch: 1 },
  { type: 'dashboard', id: 'sales', title: 'Sales', outcome: 'new_copy', destination_id: '0b5c1f6e-2a47-4e7b-9a8e-3b1d6f0c2d11', batch: 1 },
  {
    type: 'dashboard',
    id: 'campaigns',
    title: 'Campaigns',
    outcome: 'refused',
    error: { type: 'missing_reference', message: 'Its panel_1 points at visualization gone-vis, which is nowhere.', remedy: 'Leave the panel out, or import the visualization first.' },
  },
];

const job = (overrides: Partial<Job> = {}): Job => ({
  id: 'so-job-1',
  type: 'saved_objects',
  status: 'completed',
  source_id: 'src-1',
  created_at: '2026-11-30T00:00:00.000Z',
  finished_at: '2026-11-30T00:00:02.000Z',
  options: { concurrency: 1, requests_per_second: -1, prepare_destination: false, conflicts: 'abort' },
  progress: { total_docs: 4, done_docs: 3, docs_per_second: 0 },
  items: [],
  saved_objects: {
    from: { source_id: 'src-1' },
    read_from: 'the .kibana indices of http://127.0.0.1:19200',
    source_kibana_version: '7.17.9',
    space: 'marketing',
    mode: 'overwrite',
    indices: ['.kibana_analytics'],
    batches: 1,
    counts: { created: 1, overwritten: 1, new_copy: 1, refused: 1 },
    results,
  },
  ...overrides,
});

const rows = () => screen.getAllByTestId(/^soJobRow-/).map((row) => row.getAttribute('data-test-subj'));

describe('SavedObjectsJobView', () => {
  it('shows counts by outcome, where from and into which space, and every object with its outcome, new id or reason and remedy', () => {
    renderWithServices(<SavedObjectsJobView job={job()} />, testServices({}));
    expect(['created', 'overwritten', 'new_copy', 'refused'].map((outcome) => screen.getByTestId(`soJobCount-${outcome}`).textContent)).toEqual(['1', '1', '1', '1']);
    expect(screen.getByTestId('soJobSummary').textContent).toContain('3 of 4 objects imported into space marketing');
    expect(screen.getByTestId('soJobFacts').textContent).toContain('the .kibana indices of http://127.0.0.1:19200 (Kibana 7.17.9)');
    expect(rows().sort()).toEqual(['soJobRow-created', 'soJobRow-new_copy', 'soJobRow-overwritten', 'soJobRow-refused']);
    expect(screen.getByTestId('soJobRow-new_copy').textContent).toContain('0b5c1f6e-2a47-4e7b-9a8e-3b1d6f0c2d11');
    expect(screen.getByTestId('soJobRow-refused').querySelector('[data-test-subj="soJobReason"]')?.textContent).toBe('Its panel_1 points at visualization gone-vis, which is nowhere.');
    expect(screen.getByTestId('soJobRow-refused').querySelector('[data-test-subj="soJobRemedy"]')?.textContent).toBe('Leave the panel out, or import the visualization first.');
    expect(screen.getByTestId('verifyJobButton')).toBeTruthy();
  });

  it('searches by title and by the reason a refusal gives', async () => {
    renderWithServices(<SavedObjectsJobView job={job()} />, testServices({}));
    const search = screen.getByTestId('soJobSearch');
    fireEvent.change(search, { target: { value: 'sales' } });
    fireEvent.keyUp(search, { target: { value: 'sales' } });
    await waitFor(() => expect(rows()).toEqual(['soJobRow-new_copy']));
    fireEvent.change(search, { target: { value: 'gone-vis' } });
    fireEvent.keyUp(search, { target: { value: 'gone-vis' } });
    await waitFor(() => expect(rows()).toEqual(['soJobRow-refused']));
  });

  it('says nothing was imported when every object was refused, and offers no verification', () => {
    const refusedOnly = job({ status: 'failed', progress: { total_docs: 1, done_docs: 0, docs_per_second: 0 } });
    refusedOnly.saved_objects = { ...(refusedOnly.saved_objects as NonNullable<Job['saved_objects']>), counts: { created: 0, overwritten: 0, new_copy: 0, refused: 1 }, results: results.slice(3) };
    renderWithServices(<SavedObjectsJobView job={refusedOnly} />, testServices({}));
    expect(screen.getByTestId('soJobSummary').textContent).toContain('Nothing was imported');
    expect(screen.queryByTestId('verifyJobButton')).toBeNull();
    expect(rows()).toEqual(['soJobRow-refused']);
  });

  it('is what the job page shows for a saved_objects job', async () => {
    const getJob = jest.fn().mockResolvedValue(job());
    renderWithServices(<JobDetailsPage />, testServices({ getJob }), { path: '/jobs/:id', route: '/jobs/so-job-1' });
    await waitFor(() => expect(screen.getByTestId('soJobResults')).toBeTruthy());
    expect(screen.queryByTestId('throughputChart')).toBeNull();
    expect(screen.getByTestId('jobStatusBadge').textContent).toBe('completed');
  });
});
