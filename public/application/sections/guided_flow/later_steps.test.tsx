import React, { useState } from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithServices, testServices } from '../../test_helpers/render_with_services';
import { EMPTY_FLOW, FlowState } from './flow_state';
import { OptionsStep, PreflightStep, ReviewStep } from './later_steps';

const flow: FlowState = { ...EMPTY_FLOW, sourceId: 'src-1', indices: ['stores'] };

describe('OptionsStep', () => {
  const Harness = () => {
    const [state, setState] = useState<FlowState>(flow);
    return <OptionsStep flow={state} onChange={setState} onNext={jest.fn()} />;
  };

  it('explains each option and refuses values the server would refuse, naming the range', () => {
    renderWithServices(<Harness />, testServices({}));
    expect(screen.getByText('Leave empty: two per processor of the destination’s data nodes. More runs faster until the clusters are busy.')).toBeTruthy();
    // Left empty, concurrency and partitioning are the server's to choose from the destination.
    expect((screen.getByTestId('concurrencyInput') as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('partitionInput') as HTMLInputElement).value).toBe('');
    expect(screen.getByTestId('optionsNextButton').hasAttribute('disabled')).toBe(false);
    fireEvent.change(screen.getByTestId('concurrencyInput'), { target: { value: '64' } });
    expect(screen.getByText('A whole number from 1 to 32, or empty')).toBeTruthy();
    expect(screen.getByTestId('optionsNextButton').hasAttribute('disabled')).toBe(true);
    fireEvent.change(screen.getByTestId('concurrencyInput'), { target: { value: '4' } });
    fireEvent.change(screen.getByTestId('throttleOptionInput'), { target: { value: '0' } });
    expect(screen.getByText('Greater than 0, or -1 for no limit')).toBeTruthy();
    fireEvent.change(screen.getByTestId('throttleOptionInput'), { target: { value: '500' } });
    fireEvent.change(screen.getByTestId('batchSizeInput'), { target: { value: '20000' } });
    expect(screen.getByText('A whole number from 1 to 10,000, or empty')).toBeTruthy();
    fireEvent.change(screen.getByTestId('batchSizeInput'), { target: { value: '' } });
    expect(screen.getByTestId('optionsNextButton').hasAttribute('disabled')).toBe(false);
  });
});

describe('PreflightStep', () => {
  it('shows each check with its status, the remedy to copy and a documentation link; runs again on demand', async () => {
    const preflight = jest.fn().mockResolvedValue({
      status: 'fail',
      checks: [
        { id: 'versions', title: 'Versions', status: 'pass', message: '7.17.9 into 7.17.9' },
        {
          id: 'allow_list',
          title: 'Source allowed for reindex',
          status: 'fail',
          message: '127.0.0.1:19443 is not in reindex.remote.whitelist',
          remedy: 'reindex.remote.whitelist: ["127.0.0.1:19443"]',
        },
      ],
    });
    renderWithServices(<PreflightStep flow={flow} onNext={jest.fn()} />, testServices({ preflight }));
    await waitFor(() => screen.getByTestId('preflightResults'));
    expect(preflight).toHaveBeenCalledWith({ method: 'reindex', source_id: 'src-1', indices: ['stores'] });
    const failed = screen.getByTestId('preflightCheck-allow_list');
    expect(failed.getAttribute('data-status')).toBe('fail');
    expect(screen.getByTestId('preflightRemedy').textContent).toContain('reindex.remote.whitelist: ["127.0.0.1:19443"]');
    // Kibana 9.1's remote reindex link (the test services run 9.1.0).
    expect(failed.querySelector('a[href="https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-reindex"]')).toBeTruthy();
    // A passing check needs no link.
    expect(screen.getByTestId('preflightCheck-versions').querySelector('a')).toBeNull();
    fireEvent.click(screen.getByTestId('rerunPreflightButton'));
    await waitFor(() => expect(preflight).toHaveBeenCalledTimes(2));
  });
});

describe('ReviewStep', () => {
  it('shows the exact requests of the plan and starts the job', async () => {
    const planJob = jest.fn().mockResolvedValue({
      id: 'plan',
      items: [{ source: 'stores', dest: 'stores' }],
      plan: { requests: ['POST _reindex?wait_for_completion=false\n{"source":{"remote":{"host":"https://127.0.0.1:19443","username":"migrator","password":"<hidden>"}}}'] },
    });
    const createJob = jest.fn().mockResolvedValue({ id: 'job-9' });
    const onStarted = jest.fn();
    renderWithServices(<ReviewStep flow={flow} onStarted={onStarted} />, testServices({ planJob, createJob }));
    await waitFor(() => screen.getByTestId('reviewRequest'));
    expect(screen.getByTestId('reviewRequest').textContent).toContain('"password":"<hidden>"');
    fireEvent.click(screen.getByTestId('startJobButton'));
    await waitFor(() => expect(onStarted).toHaveBeenCalledWith({ id: 'job-9' }));
    expect(createJob).toHaveBeenCalledWith(expect.objectContaining({ type: 'reindex', source_id: 'src-1', items: [{ source: 'stores' }] }));
  });
});
