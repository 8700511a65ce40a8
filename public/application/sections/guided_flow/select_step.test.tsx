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
});
