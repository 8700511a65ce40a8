/* Step 2: select indices on the source (server-side paging and search), with an optional rename rule. */
import React, { useState } from 'react';
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
import type { FlowState } from './flow_state';

const PAGE_SIZE = 20;

/** Destination names the rule gives, with what Elasticsearch would refuse. */
export const previewDestinations = (indices: string[], rename?: { pattern: string; replacement: string }, destNames: Record<string, string> = {}) =>
  indices.map((index) => {
    let dest = index;
    let problem: string | undefined;
    try {
      dest = destNames[index]?.trim() || applyRename(index, rename?.pattern ? rename : undefined);
      problem = indexNameProblem(dest);
    } catch {
      problem = i18n.translate('migrationAssistant.select.badPattern', { defaultMessage: 'the pattern is not a valid regular expression' });
    }
    return { index, dest, problem };
  }).map((entry, _i, all) =>
    // Two indices written into one destination would mix their documents.
    !entry.problem && all.filter((other) => other.dest === entry.dest).length > 1
      ? { ...entry, problem: i18n.translate('migrationAssistant.select.duplicateDest', { defaultMessage: 'another selected index has the same destination' }) }
      : entry
  );

export const SelectStep = ({ flow, onChange, onNext }: { flow: FlowState; onChange: (next: FlowState) => void; onNext: () => void }) => {
  const { api } = useAppServices();
  const [pattern, setPattern] = useState('');
  const [page, setPage] = useState(0);
  const [includeSystem, setIncludeSystem] = useState(false);
  const indices = useRequest(
    () => api.listSourceIndices(flow.sourceId ?? '', { pattern: pattern ? `*${pattern}*` : undefined, page: page + 1, per_page: PAGE_SIZE, include_system: includeSystem, include_hidden: includeSystem }),
    [api, flow.sourceId, pattern, page, includeSystem]
  );
  const selected = new Set(flow.indices);
  const toggle = (name: string) => {
    const next = new Set(selected);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    onChange({ ...flow, indices: [...next].sort() });
  };
  const preview = previewDestinations(flow.indices, flow.rename, flow.destNames);
  // The server's own check (RE2 syntax, bounded), so the form refuses what the API would.
  const patternProblem = flow.rename?.pattern ? renamePatternProblem(flow.rename.pattern) : undefined;
  const setDestName = (index: string, value: string) => onChange({ ...flow, destNames: { ...flow.destNames, [index]: value } });
  const invalid = preview.some((p) => p.problem);

  return (
    <>
      <EuiFlexGroup>
        <EuiFlexItem>
          <EuiFieldSearch
            placeholder={i18n.translate('migrationAssistant.select.search', { defaultMessage: 'Search indices' })}
            aria-label={i18n.translate('migrationAssistant.select.searchLabel', { defaultMessage: 'Search the source indices' })}
            onSearch={(value) => {
              setPage(0);
              setPattern(value.trim());
            }}
            incremental
            data-test-subj="indexSearch"
          />
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiSwitch
            label={i18n.translate('migrationAssistant.select.includeSystem', { defaultMessage: 'Show system and hidden indices' })}
            checked={includeSystem}
            onChange={(e) => setIncludeSystem(e.target.checked)}
          />
        </EuiFlexItem>
      </EuiFlexGroup>
      <EuiSpacer size="s" />
      {indices.error && <ErrorCallout title={i18n.translate('migrationAssistant.select.error', { defaultMessage: 'Cannot list the source indices' })} error={indices.error} onRetry={indices.reload} />}
      <EuiBasicTable<SourceIndex>
        tableCaption={i18n.translate('migrationAssistant.select.caption', { defaultMessage: 'Indices on the source' })}
        loading={indices.isLoading}
        items={indices.data?.indices ?? []}
        rowProps={(index) => ({ 'data-test-subj': `sourceIndexRow-${index.name}` })}
        pagination={{ pageIndex: page, pageSize: PAGE_SIZE, totalItemCount: indices.data?.total ?? 0, showPerPageOptions: false }}
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
        {preview.length === 0 ? (
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
                      value={flow.destNames?.[p.index] ?? ''}
                      placeholder={p.dest}
                      onChange={(e) => setDestName(p.index, e.target.value)}
                      aria-label={i18n.translate('migrationAssistant.select.destNameLabel', { defaultMessage: 'Destination name for {index}', values: { index: p.index } })}
                      data-test-subj={`destName-${p.index}`}
                    />
                  </EuiFormRow>
                ),
              },
            ]}
          />
        )}
      </EuiText>
      <EuiSpacer />
      <EuiButton fill isDisabled={preview.length === 0 || invalid} onClick={onNext} data-test-subj="selectNextButton">
        <FormattedMessage id="migrationAssistant.select.next" defaultMessage="Continue: options" />
      </EuiButton>
    </>
  );
};
