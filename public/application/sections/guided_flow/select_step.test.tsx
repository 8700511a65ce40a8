import React, { useState } from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { SourceIndex } from '../../../../common/types/sources';
import { renderWithServices, testServices } from '../../test_helpers/render_with_services';
import { EMPTY_FLOW, FlowState, toJobRequest } from './flow_state';
import { SelectStep } from './select_step';

const index = (name: string, docs: number): SourceIndex => ({
  name,
  docs_count: docs,
  store_size_bytes: docs * 100,
  health: 'green',
  status: 'open',
  aliases: [],
  is_system: false,
  is_hidden: false,
});

let latest: FlowState;
const Harness = () => {
  const [flow, setFlow] = useState<FlowState>({ ...EMPTY_FLOW, sourceId: 'src-1' });
  latest = flow;
  return <SelectStep flow={flow} onChange={setFlow} onNext={jest.fn()} />;
};

const render = () => {
  const listSourceIndices = jest.fn().mockResolvedValue({ total: 2, indices: [index('stores', 500), index('orders-2023', 10_000)] });
  renderWithServices(<Harness />, testServices({ listSourceIndices }));
  return listSourceIndices;
};

describe('SelectStep', () => {
  it('lists the source indices through server-side paging and selects them', async () => {
    const listSourceIndices = render();
    await waitFor(() => screen.getByTestId('sourceIndexRow-stores'));
    expect(listSourceIndices).toHaveBeenCalledWith('src-1', expect.objectContaining({ page: 1, per_page: 20, include_system: false }));
    expect(screen.getByTestId('sourceIndexRow-orders-2023').textContent).toContain('10,000');
    expect(screen.getByText('Select at least one index.')).toBeTruthy();
    fireEvent.click(screen.getByTestId('selectIndex-stores'));
    fireEvent.click(screen.getByTestId('selectIndex-orders-2023'));
    expect(latest.indices).toEqual(['orders-2023', 'stores']);
    expect(screen.getAllByTestId('effectiveDest').map((n) => n.textContent)).toEqual(['orders-2023', 'stores']);
  });

  it('applies the rename rule, lets one row override it, and refuses invalid or clashing names', async () => {
    render();
    await waitFor(() => screen.getByTestId('sourceIndexRow-stores'));
    fireEvent.click(screen.getByTestId('selectIndex-stores'));
    fireEvent.click(screen.getByTestId('selectIndex-orders-2023'));
    fireEvent.change(screen.getByTestId('renamePatternInput'), { target: { value: '^(.*)$' } });
    fireEvent.change(screen.getByTestId('renameReplacementInput'), { target: { value: 'migrated-$1' } });
    expect(screen.getAllByTestId('effectiveDest').map((n) => n.textContent)).toEqual(['migrated-orders-2023', 'migrated-stores']);

    fireEvent.change(screen.getByTestId('destName-stores'), { target: { value: 'shops' } });
    expect(screen.getAllByTestId('effectiveDest').map((n) => n.textContent)).toEqual(['migrated-orders-2023', 'shops']);
    expect(toJobRequest(latest).items).toEqual([{ source: 'orders-2023' }, { source: 'stores', dest: 'shops' }]);
    expect(screen.getByTestId('selectNextButton').hasAttribute('disabled')).toBe(false);

    fireEvent.change(screen.getByTestId('destName-stores'), { target: { value: 'Shops' } });
    expect(screen.getByTestId('destRow-stores').textContent).toContain('must be lowercase');
    expect(screen.getByTestId('selectNextButton').hasAttribute('disabled')).toBe(true);

    fireEvent.change(screen.getByTestId('destName-stores'), { target: { value: 'migrated-orders-2023' } });
    expect(screen.getByTestId('destRow-stores').textContent).toContain('another selected index has the same destination');
    expect(screen.getByTestId('selectNextButton').hasAttribute('disabled')).toBe(true);
  });

  const listing = (names: string[]) =>
    jest.fn(async (_id: string, query: { pattern?: string; page?: number; per_page?: number }) => {
      const needle = query.pattern?.replace(/\*/g, '') ?? '';
      const matching = names.filter((name) => name.includes(needle));
      const perPage = query.per_page ?? 50;
      const page = query.page ?? 1;
      return { total: matching.length, indices: matching.slice((page - 1) * perPage, page * perPage).map((name) => index(name, 1)) };
    });
  const rows = () => screen.queryAllByTestId(/^sourceIndexRow-/).map((row) => row.getAttribute('data-test-subj')?.replace('sourceIndexRow-', ''));

  it('reads a listing of up to 10,000 indices once and filters it in the browser, with no request per keystroke', async () => {
    const names = Array.from({ length: 1_500 }, (_, i) => `logs-${String(i).padStart(4, '0')}`);
    const listSourceIndices = listing(names);
    renderWithServices(<Harness />, testServices({ listSourceIndices }));
    await waitFor(() => expect(listSourceIndices).toHaveBeenCalledTimes(3));
    expect(listSourceIndices.mock.calls.map(([, query]) => [query.page, query.per_page])).toEqual([
      [1, 20],
      [1, 1_000],
      [2, 1_000],
    ]);
    fireEvent.change(screen.getByTestId('indexSearch'), { target: { value: 'logs-149' } });
    await waitFor(() => expect(rows()).toEqual(names.slice(1_490, 1_500)));
    fireEvent.change(screen.getByTestId('indexSearch'), { target: { value: 'logs-14' } });
    await waitFor(() => expect(rows()).toEqual(names.slice(1_400, 1_420)));
    expect(screen.getByTestId('sourceIndexTable').getAttribute('data-shown-filter')).toBe('logs-14');
    expect(listSourceIndices).toHaveBeenCalledTimes(3);
  });

  it('searches on the server, once typing settles, above 10,000 indices', async () => {
    const names = Array.from({ length: 10_001 }, (_, i) => `idx-${String(i).padStart(5, '0')}`);
    const listSourceIndices = listing(names);
    renderWithServices(<Harness />, testServices({ listSourceIndices }));
    await waitFor(() => screen.getByTestId('sourceIndexRow-idx-00000'));
    fireEvent.change(screen.getByTestId('indexSearch'), { target: { value: 'idx-0999' } });
    fireEvent.change(screen.getByTestId('indexSearch'), { target: { value: 'idx-09999' } });
    await waitFor(() => expect(rows()).toEqual(['idx-09999']));
    // The first page, then one search for the settled text: none for the keystroke in between, no full listing.
    expect(listSourceIndices.mock.calls.map(([, query]) => [query.pattern, query.page, query.per_page])).toEqual([
      [undefined, 1, 20],
      ['*idx-09999*', 1, 20],
    ]);
  });
});
