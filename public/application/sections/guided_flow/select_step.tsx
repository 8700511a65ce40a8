/*
 * Step 2: select indices on the source, with an optional rename rule. The listing is read once: its first
 * page (20 rows, with the total), then, for up to CLIENT_SIDE_LIMIT indices, the rest in pages of 1,000,
 * after which the search filters in the browser (memoized, one page of rows rendered) with no request
 * per keystroke. Larger sources stay on server-side search and paging, debounced.
 */
import React, { memo, useCallback, useEffect, useMemo, useState } from 'react';
import {
  Criteria,
  EuiBasicTable,
  EuiButton,
  EuiFieldSearch,
  EuiFieldText,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFormRow,
  EuiHealth,
  EuiSpacer,
  EuiSwitch,
  EuiText,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import { applyRename, indexNameProblem, renamePatternProblem } from '../../../../common/lib/rename';
import type { SourceIndex } from '../../../../common/types/sources';
import { useAppServices } from '../../app_context';
import { ErrorCallout } from '../../components/error_callout';
import { formatBytes, formatNumber } from '../../components/format';
import { useRequest } from '../../components/use_request';
import { toApiError, type ApiError } from '../../services/api';
import type { FlowState } from './flow_state';

const PAGE_SIZE = 20;
/** Up to this many indices, the whole listing is kept in the browser and filtered there. */
export const CLIENT_SIDE_LIMIT = 10_000;
const CATALOG_PAGE_SIZE = 1_000;
/** Server-side search only: wait this long after the last keystroke before asking. */
const SEARCH_DEBOUNCE_MS = 150;

/** Destination names the rule gives, with what Elasticsearch would refuse. */
export const previewDestinations = (indices: string[], rename?: { pattern: string; replacement: string }, destNames: Record<string, string> = {}) => {
  const entries = indices.map((index) => {
    let dest = index;
    let problem: string | undefined;
    try {
      dest = destNames[index]?.trim() || applyRename(index, rename?.pattern ? rename : undefined);
      problem = indexNameProblem(dest);
    } catch {
      problem = i18n.translate('migrationAssistant.select.badPattern', { defaultMessage: 'the pattern is not a valid regular expression' });
    }
    return { index, dest, problem };
  });
  // Two indices written into one destination would mix their documents (counted once, not per pair).
  const uses = new Map<string, number>();
  for (const { dest } of entries) uses.set(dest, (uses.get(dest) ?? 0) + 1);
  return entries.map((entry) =>
    !entry.problem && (uses.get(entry.dest) ?? 0) > 1
      ? { ...entry, problem: i18n.translate('migrationAssistant.select.duplicateDest', { defaultMessage: 'another selected index has the same destination' }) }
      : entry
  );
};

type ListQuery = { pattern?: string; page?: number; per_page?: number; include_system?: boolean; include_hidden?: boolean };
type Listing = { total: number; indices: SourceIndex[] };

/**
 * The source's listing: the first page at once (what is shown first, and the total), then every index
 * when there are at most CLIENT_SIDE_LIMIT (`all`); above that, `all` stays undefined.
 */
const useIndexCatalog = (list: (query: ListQuery) => Promise<Listing>, includeSystem: boolean) => {
  const [state, setState] = useState<{ first?: Listing; all?: SourceIndex[]; error?: ApiError; isLoading: boolean }>({ isLoading: true });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let active = true;
    const scope = { include_system: includeSystem, include_hidden: includeSystem };
    setState({ isLoading: true });
    (async () => {
      const first = await list({ ...scope, page: 1, per_page: PAGE_SIZE });
      if (!active) return;
      const complete = first.total <= first.indices.length;
      setState({ first, all: complete ? first.indices : undefined, isLoading: false });
      if (complete || first.total > CLIENT_SIDE_LIMIT) return;
      const pages = Math.ceil(first.total / CATALOG_PAGE_SIZE);
      const byName = new Map<string, SourceIndex>();
      for (let page = 1; page <= pages && active; page++) {
        const answer = await list({ ...scope, page, per_page: CATALOG_PAGE_SIZE });
        for (const index of answer.indices) byName.set(index.name, index);
      }
      // Sorted by name, as the server sorts (an index created meanwhile may shift pages: keyed by name).
      if (active) setState({ first, all: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)), isLoading: false });
    })().catch((error: unknown) => active && setState((previous) => ({ ...previous, error: toApiError(error), isLoading: false })));
    return () => {
      active = false;
    };
  }, [list, includeSystem, attempt]);
  return { ...state, reload: () => setAttempt((n) => n + 1) };
};

/** Lower-case names (index names always are), so the filter needs no work per keystroke beyond includes. */
const filterIndices = (all: SourceIndex[], text: string): SourceIndex[] => {
  const needle = text.toLowerCase();
  return needle ? all.filter((index) => index.name.includes(needle)) : all;
};

type Preview = ReturnType<typeof previewDestinations>;

/** The destination names of the selection: re-rendered when the selection or the names change, not per keystroke. */
const DestinationPreview = memo(({ preview, destNames, onDestName }: { preview: Preview; destNames?: Record<string, string>; onDestName: (index: string, value: string) => void }) =>
  preview.length === 0 ? (
    <FormattedMessage id="migrationAssistant.select.nothingSelected" defaultMessage="Select at least one index." />
  ) : (
    <EuiBasicTable
      tableCaption={i18n.translate('migrationAssistant.select.destCaption', { defaultMessage: 'Destination index names' })}
      items={preview}
      rowProps={(p) => ({ 'data-test-subj': `destRow-${p.index}` })}
      columns={[
        { field: 'index', name: i18n.translate('migrationAssistant.select.sourceNameColumn', { defaultMessage: 'Source index' }) },
        {
          name: i18n.translate('migrationAssistant.select.writtenToColumn', { defaultMessage: 'Written to' }),
          render: (p: { dest: string }) => <strong data-test-subj="effectiveDest">{p.dest}</strong>,
        },
        {
          name: i18n.translate('migrationAssistant.select.destNameColumn', { defaultMessage: 'Other name (optional)' }),
          render: (p: { index: string; dest: string; problem?: string }) => (
            <EuiFormRow fullWidth isInvalid={!!p.problem} error={p.problem} display="rowCompressed">
              <EuiFieldText
                compressed
                fullWidth
                isInvalid={!!p.problem}
                value={destNames?.[p.index] ?? ''}
                placeholder={p.dest}
                onChange={(e) => onDestName(p.index, e.target.value)}
                aria-label={i18n.translate('migrationAssistant.select.destNameLabel', { defaultMessage: 'Destination name for {index}', values: { index: p.index } })}
                data-test-subj={`destName-${p.index}`}
              />
            </EuiFormRow>
          ),
        },
      ]}
    />
  )
);

export const SelectStep = ({ flow, onChange, onNext }: { flow: FlowState; onChange: (next: FlowState) => void; onNext: () => void }) => {
  const { api } = useAppServices();
  const sourceId = flow.sourceId ?? '';
  /** What the search field holds, at every keystroke. */
  const [text, setText] = useState('');
  /** The same, settled: what a server-side search asks for. */
  const [settledText, setSettledText] = useState('');
  const [page, setPage] = useState(0);
  const [includeSystem, setIncludeSystem] = useState(false);
  const list = useCallback((query: ListQuery) => api.listSourceIndices(sourceId, query), [api, sourceId]);
  const catalog = useIndexCatalog(list, includeSystem);
  const clientSide = catalog.all !== undefined;

  useEffect(() => {
    if (clientSide) return;
    const timer = setTimeout(() => setSettledText(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, clientSide]);
  // Server-side search and paging, only while the listing is not in the browser (and past its first page).
  const serverQuery = !clientSide && !catalog.isLoading && (settledText !== '' || page > 0);
  const searched = useRequest(
    async () =>
      serverQuery
        ? { filter: settledText, answer: await list({ pattern: settledText ? `*${settledText}*` : undefined, page: page + 1, per_page: PAGE_SIZE, include_system: includeSystem, include_hidden: includeSystem }) }
        : undefined,
    [list, serverQuery, settledText, page, includeSystem]
  );

  const filter = text.trim();
  const filtered = useMemo(() => (catalog.all ? filterIndices(catalog.all, filter) : undefined), [catalog.all, filter]);
  const shown: { filter: string; total: number; items: SourceIndex[] } | undefined = filtered
    ? { filter, total: filtered.length, items: filtered.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE) }
    : serverQuery
      ? searched.data && { filter: searched.data.filter, total: searched.data.answer.total, items: searched.data.answer.indices }
      : catalog.first && { filter: '', total: catalog.first.total, items: catalog.first.indices };
  const isLoading = catalog.isLoading || (serverQuery && (searched.isLoading || shown?.filter !== settledText));
  const error = catalog.error ?? (serverQuery ? searched.error : undefined);

  const selected = useMemo(() => new Set(flow.indices), [flow.indices]);
  const toggle = (name: string) => {
    const next = new Set(selected);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    onChange({ ...flow, indices: [...next].sort() });
  };
  const preview = useMemo(() => previewDestinations(flow.indices, flow.rename, flow.destNames), [flow.indices, flow.rename, flow.destNames]);
  // The server's own check (RE2 syntax, bounded), so the form refuses what the API would.
  const patternProblem = useMemo(() => (flow.rename?.pattern ? renamePatternProblem(flow.rename.pattern) : undefined), [flow.rename?.pattern]);
  const setDestName = useCallback((index: string, value: string) => onChange({ ...flow, destNames: { ...flow.destNames, [index]: value } }), [flow, onChange]);
  const invalid = preview.some((p) => p.problem);

  return (
    <>
      <EuiFlexGroup>
        <EuiFlexItem>
          <EuiFieldSearch
            placeholder={i18n.translate('migrationAssistant.select.search', { defaultMessage: 'Search indices' })}
            aria-label={i18n.translate('migrationAssistant.select.searchLabel', { defaultMessage: 'Search the source indices' })}
            value={text}
            onChange={(e) => {
              setPage(0);
              setText(e.target.value);
            }}
            data-test-subj="indexSearch"
          />
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiSwitch
            label={i18n.translate('migrationAssistant.select.includeSystem', { defaultMessage: 'Show system and hidden indices' })}
            checked={includeSystem}
            onChange={(e) => {
              setPage(0);
              setIncludeSystem(e.target.checked);
            }}
          />
        </EuiFlexItem>
      </EuiFlexGroup>
      <EuiSpacer size="s" />
      {error && <ErrorCallout title={i18n.translate('migrationAssistant.select.error', { defaultMessage: 'Cannot list the source indices' })} error={error} onRetry={catalog.error ? catalog.reload : searched.reload} />}
      <div data-test-subj="sourceIndexTable" data-shown-filter={shown?.filter ?? ''}>
        <EuiBasicTable<SourceIndex>
          tableCaption={i18n.translate('migrationAssistant.select.caption', { defaultMessage: 'Indices on the source' })}
          loading={isLoading}
          items={shown?.items ?? []}
          rowProps={(index) => ({ 'data-test-subj': `sourceIndexRow-${index.name}` })}
          pagination={{ pageIndex: page, pageSize: PAGE_SIZE, totalItemCount: shown?.total ?? 0, showPerPageOptions: false }}
          onChange={({ page: next }: Criteria<SourceIndex>) => next && setPage(next.index)}
          columns={[
            {
              name: i18n.translate('migrationAssistant.select.selectColumn', { defaultMessage: 'Migrate' }),
              width: '80px',
              render: (index: SourceIndex) => (
                <EuiSwitch
                  label={index.name}
                  showLabel={false}
                  checked={selected.has(index.name)}
                  onChange={() => toggle(index.name)}
                  data-test-subj={`selectIndex-${index.name}`}
                />
              ),
            },
            { field: 'name', name: i18n.translate('migrationAssistant.select.nameColumn', { defaultMessage: 'Index' }) },
            { field: 'docs_count', name: i18n.translate('migrationAssistant.select.docsColumn', { defaultMessage: 'Documents' }), render: (v: number) => formatNumber(v) },
            { field: 'store_size_bytes', name: i18n.translate('migrationAssistant.select.sizeColumn', { defaultMessage: 'Size' }), render: (v: number) => formatBytes(v) },
            { field: 'health', name: i18n.translate('migrationAssistant.select.healthColumn', { defaultMessage: 'Health' }), render: (v: string) => <EuiHealth color={v === 'green' ? 'success' : v === 'yellow' ? 'warning' : 'danger'}>{v}</EuiHealth> },
            { field: 'aliases', name: i18n.translate('migrationAssistant.select.aliasesColumn', { defaultMessage: 'Aliases' }), render: (v: string[]) => v.join(', ') },
          ]}
        />
      </div>
      <EuiSpacer />
      <EuiFlexGroup>
        <EuiFlexItem>
          <EuiFormRow
            label={i18n.translate('migrationAssistant.select.renamePattern', { defaultMessage: 'Rename pattern (regular expression, optional)' })}
            isInvalid={!!patternProblem}
            error={patternProblem ? i18n.translate('migrationAssistant.select.renamePatternInvalid', { defaultMessage: 'The pattern {problem}', values: { problem: patternProblem } }) : undefined}
          >
            <EuiFieldText isInvalid={!!patternProblem} value={flow.rename?.pattern ?? ''} placeholder="^(.*)$" onChange={(e) => onChange({ ...flow, rename: { pattern: e.target.value, replacement: flow.rename?.replacement ?? '' } })} data-test-subj="renamePatternInput" />
          </EuiFormRow>
        </EuiFlexItem>
        <EuiFlexItem>
          <EuiFormRow label={i18n.translate('migrationAssistant.select.renameReplacement', { defaultMessage: 'Replacement ($1 for the first group)' })}>
            <EuiFieldText value={flow.rename?.replacement ?? ''} placeholder="migrated-$1" onChange={(e) => onChange({ ...flow, rename: { pattern: flow.rename?.pattern ?? '', replacement: e.target.value } })} data-test-subj="renameReplacementInput" />
          </EuiFormRow>
        </EuiFlexItem>
      </EuiFlexGroup>
      <EuiSpacer size="s" />
      <EuiText size="s" data-test-subj="destinationPreview">
        <DestinationPreview preview={preview} destNames={flow.destNames} onDestName={setDestName} />
      </EuiText>
      <EuiSpacer />
      <EuiButton fill isDisabled={preview.length === 0 || invalid} onClick={onNext} data-test-subj="selectNextButton">
        <FormattedMessage id="migrationAssistant.select.next" defaultMessage="Continue: options" />
      </EuiButton>
    </>
  );
};
