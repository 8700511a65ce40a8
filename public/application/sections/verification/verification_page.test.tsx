import React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { VerificationReport } from '../../../../common/types/verifications';
import { verificationDifferences } from '../../../../common/lib/verification_differences';
import { renderWithServices, testServices } from '../../test_helpers/render_with_services';
import { VerificationPage } from './verification_page';

const base: Omit<VerificationReport, 'differences'> = {
  id: 'v-1',
  created_at: '2026-11-25T00:00:00.000Z',
  finished_at: '2026-11-25T00:00:05.000Z',
  status: 'completed',
  job_id: 'job-1',
  sample_size: 100,
  progress: { done: 4, total: 4, step: 'completed' },
  indices: [
    {
      source: 'stores',
      dest: 'stores',
      source_count: 500,
      dest_count: 497,
      counts_match: false,
      mapping_differences: [],
      sampled: 100,
      sample_mismatches: [{ id: 'store-7', reason: 'missing_in_destination' }],
      aliases: { expected: [], missing: [] },
      templates: { expected: [], missing: [] },
    },
  ],
  security: {
    available: true,
    source_available: true,
    users: {
      expected: ['kara', 'ops'],
      found: ['ops'],
      missing: ['kara'],
      destination: [{ username: 'ops', roles: ['monitoring_user'], enabled: true }],
      role_differences: [],
    },
    roles: { expected: ['cj_test_role'], found: [], missing: ['cj_test_role'] },
  },
  saved_objects: {
    available: true,
    compared_from: "the source's .kibana indices",
    compared_to: "the destination's .kibana indices",
    by_type: {
      visualization: {
        source: 2,
        dest: 1,
        titles: [{ id: 'visualization:1', title: 'Requests over time' }],
        missing: [{ id: 'visualization:2', title: 'Visitors by city' }],
      },
    },
  },
};
const report: VerificationReport = { ...base, differences: verificationDifferences(base) };

describe('VerificationPage', () => {
  beforeAll(() => {
    URL.createObjectURL = jest.fn(() => 'blob:report');
    URL.revokeObjectURL = jest.fn();
    // jsdom cannot follow the download link; the test checks what would be saved.
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  });

  it('shows each difference with its remedy, the data table, the missing user and role, and visualizations by title', async () => {
    renderWithServices(<VerificationPage />, testServices({ getVerification: jest.fn().mockResolvedValue(report) }), { path: '/verifications/:id', route: '/verifications/v-1' });
    await waitFor(() => expect(screen.getByTestId('verificationSummary').textContent).toContain('5 differences found'));
    const differences = screen.getAllByTestId('verificationDifference').map((node) => node.textContent);
    expect(differences[0]).toContain('stores holds 497 documents, stores 500.');
    expect(differences.join(' ')).toContain('Users missing on the destination: kara.');
    expect(differences.join(' ')).toContain('Roles missing on the destination: cj_test_role.');
    expect(screen.getByTestId('dataRow-stores').textContent).toContain('Differs');
    expect(screen.getByTestId('userRow-kara').textContent).toContain('Differs');
    expect(screen.getByTestId('missingRoles').textContent).toBe('Roles missing: cj_test_role');
    expect(screen.getAllByTestId('savedObjectTitle').map((n) => n.textContent)).toEqual(['Requests over time']);
    expect(screen.getAllByTestId('savedObjectMissing').map((n) => n.textContent)).toEqual(['Visitors by city (missing)']);
  });

  it('polls while running and shows the step, then the report', async () => {
    const running: VerificationReport = { ...report, status: 'running', progress: { done: 1, total: 4, step: 'comparing stores → stores' }, differences: [] };
    const getVerification = jest.fn().mockResolvedValueOnce(running).mockResolvedValue(report);
    renderWithServices(<VerificationPage />, testServices({ getVerification }), { path: '/verifications/:id', route: '/verifications/v-1' });
    await waitFor(() => expect(screen.getByTestId('verificationRunning').textContent).toContain('comparing stores → stores'));
    await waitFor(() => expect(screen.getByTestId('verificationSummary')).toBeTruthy(), { timeout: 4_000 });
    expect(getVerification).toHaveBeenCalledTimes(2);
  });

  it('downloads the Markdown the server renders', async () => {
    const getVerificationMarkdown = jest.fn().mockResolvedValue('# Migration verification v-1\n');
    renderWithServices(<VerificationPage />, testServices({ getVerification: jest.fn().mockResolvedValue(report), getVerificationMarkdown }), {
      path: '/verifications/:id',
      route: '/verifications/v-1',
    });
    await waitFor(() => screen.getByTestId('downloadMarkdownButton'));
    fireEvent.click(screen.getByTestId('downloadMarkdownButton'));
    await waitFor(() => expect(getVerificationMarkdown).toHaveBeenCalledWith('v-1'));
    const blob = (URL.createObjectURL as jest.Mock).mock.calls.at(-1)?.[0] as Blob;
    expect(blob.type).toBe('text/markdown');
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(blob);
    });
    expect(text).toBe('# Migration verification v-1\n');
    expect(HTMLAnchorElement.prototype.click).toHaveBeenCalled();
  });

  it('lists each object a saved_objects job imported as present, missing or renamed, with its remedy', async () => {
    const imported: Omit<VerificationReport, 'differences'> = {
      ...base,
      indices: [],
      security: undefined,
      saved_objects: {
        available: true,
        compared_from: 'the objects this job imported from the .kibana indices of http://source:9200',
        compared_to: 'space default of this Kibana (.kibana_analytics)',
        by_type: { visualization: { source: 3, dest: 2, titles: [], missing: [{ id: 'v2', title: 'Visitors by city' }] } },
        imported: {
          space: 'default',
          indices: ['.kibana_analytics'],
          present: 1,
          missing: 1,
          title_changed: 1,
          objects: [
            { type: 'visualization', id: 'v1', title: 'Requests over time', state: 'present' },
            { type: 'visualization', id: 'v2', title: 'Visitors by city', state: 'missing', remedy: 'Import it again.' },
            { type: 'visualization', id: 'v3', title: 'Codes', found_title: 'HTTP codes', state: 'title_changed', remedy: 'Open it and check.' },
          ],
        },
      },
    };
    const withDifferences: VerificationReport = { ...imported, differences: verificationDifferences(imported) };
    renderWithServices(<VerificationPage />, testServices({ getVerification: jest.fn().mockResolvedValue(withDifferences) }), { path: '/verifications/:id', route: '/verifications/v-1' });
    await waitFor(() => expect(screen.getByTestId('importedObjects')).toBeTruthy());
    expect(screen.getByTestId('importedObjectsSummary').textContent).toBe('Imported objects in space default: 1 present, 1 missing, 1 with a changed title.');
    expect(screen.getByTestId('importedObject-missing').textContent).toContain('Import it again.');
    expect(screen.getByTestId('importedObject-title_changed').textContent).toContain('title changed to HTTP codes');
    expect(withDifferences.differences.map((difference) => difference.message)).toEqual([
      'visualization "Visitors by city" (v2) is missing from space default.',
      'visualization "Codes" (v3) is titled "HTTP codes" in space default.',
    ]);
  });
});
