import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { EuiProvider } from '@elastic/eui';
import { I18nProvider } from '@kbn/i18n-react';
import { AppContextProvider, AppServices } from '../../app_context';
import { HomePage } from './home_page';

const services = (api: Partial<AppServices['api']>): AppServices =>
  ({
    api,
    toasts: { addSuccess: jest.fn(), addWarning: jest.fn(), addDanger: jest.fn(), addError: jest.fn() },
    docTitle: { change: jest.fn(), reset: jest.fn() },
    setBreadcrumbs: jest.fn(),
    docLinks: { ELASTIC_WEBSITE_URL: 'https://www.elastic.co/', DOC_LINK_VERSION: 'current' },
    kibanaVersion: '9.1.0',
  }) as unknown as AppServices;

const renderHome = (value: AppServices) =>
  render(
    <EuiProvider colorMode="light">
      <I18nProvider>
        <AppContextProvider value={value}>
          <MemoryRouter>
            <HomePage />
          </MemoryRouter>
        </AppContextProvider>
      </I18nProvider>
    </EuiProvider>
  );

describe('HomePage', () => {
  it('shows the destination cluster name and version, and sets breadcrumbs and title', async () => {
    const verification = { id: 'v-1', created_at: '2026-11-25T00:00:00.000Z', status: 'completed', job_id: 'job-1234567', sample_size: 100, progress: { done: 3, total: 3, step: 'completed' }, differences: [] };
    const value = services({ listJobs: jest.fn().mockResolvedValue({ total: 0, jobs: [] }), listVerifications: jest.fn().mockResolvedValue({ total: 1, verifications: [verification] }), getStatus: jest.fn().mockResolvedValue({ destination: { cluster_name: 'prod', version: '8.14.3' }, encryption_configured: true }) });
    renderHome(value);
    await waitFor(() => expect(screen.getByTestId('destinationVersion').textContent).toBe('8.14.3'));
    expect(screen.getByTestId('destinationClusterName').textContent).toBe('prod');
    // Recent verification reports, with their result.
    await waitFor(() => expect(screen.getByText('Everything compared matches')).toBeTruthy());
    expect(screen.getByText('job-1234')).toBeTruthy();
    expect(screen.getByText('Encrypted at rest')).toBeTruthy();
    expect(value.setBreadcrumbs).toHaveBeenCalledWith([{ text: 'Migration Assistant' }]);
    expect(value.docTitle.change).toHaveBeenCalledWith('Migration Assistant');
    // Each method links to its documentation for the running Kibana's version.
    // (No docLinks.links here: the URLs Kibana 9.1 gives, on the documentation site.)
    expect(screen.getByTestId('reindexDocLink').getAttribute('href')).toBe(
      'https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-reindex'
    );
    expect(screen.getByTestId('snapshotDocLink').getAttribute('href')).toBe(
      'https://www.elastic.co/docs/deploy-manage/tools/snapshot-and-restore/restore-snapshot'
    );
  });

  it('shows the error with its remedy and retries', async () => {
    const getStatus = jest
      .fn()
      .mockRejectedValueOnce({ body: { statusCode: 403, message: 'action [cluster:monitor/main] is unauthorized', attributes: { code: 'elasticsearch_error', remedy: 'Grant the monitor cluster privilege.' } } })
      .mockResolvedValueOnce({ destination: { cluster_name: 'prod', version: '8.14.3' }, encryption_configured: false });
    renderHome(services({ getStatus, listJobs: jest.fn().mockResolvedValue({ total: 0, jobs: [] }), listVerifications: jest.fn().mockResolvedValue({ total: 0, verifications: [] }) }));
    await waitFor(() => expect(screen.getByTestId('errorCallout')).toBeTruthy());
    expect(screen.getByText('action [cluster:monitor/main] is unauthorized')).toBeTruthy();
    expect(screen.getByTestId('errorRemedy').textContent).toContain('Grant the monitor cluster privilege.');
    fireEvent.click(screen.getByTestId('errorRetryButton'));
    await waitFor(() => expect(screen.getByTestId('destinationVersion').textContent).toBe('8.14.3'));
  });
});
