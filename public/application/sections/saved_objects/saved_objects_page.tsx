/*
 * Saved objects from a source's `.kibana` into this Kibana (issue 17): select by type, space and title
 * (with everything they reference), check every reference before importing, download the report or a
 * Kibana import file, import into a chosen space, and read the imported objects back.
 */
import React, { useEffect, useMemo, useState } from 'react';
import {
  EuiBasicTable,
  EuiBasicTableColumn,
  EuiButton,
  EuiCallOut,
  EuiCheckbox,
  EuiFieldSearch,
  EuiFieldText,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFormRow,
  EuiPageHeader,
  EuiPanel,
  EuiSelect,
  EuiSpacer,
  EuiSwitch,
  EuiText,
  EuiTitle,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import type {
  SavedObjectKey,
  SavedObjectsCheckReport,
  SavedObjectsFrom,
  SavedObjectsImportMode,
  SavedObjectsImportReport,
  SavedObjectsListResponse,
  SavedObjectsVerifyReport,
  SavedObjectSummary,
} from '../../../../common/types/saved_objects';
import { useAppServices } from '../../app_context';
import { downloadText } from '../../components/download';
import { ErrorCallout } from '../../components/error_callout';
import { useRequest } from '../../components/use_request';
import { ApiError, toApiError } from '../../services/api';
import { CheckReportPanel, ImportResultsPanel, VerifyPanel } from './saved_objects_panels';

const RESTORED_COPY = '__restored_copy__';
const PAGE_SIZE = 20;

export const objectRowKey = (object: Pick<SavedObjectKey, 'space' | 'type' | 'id'>): string => `${object.space}/${object.type}/${object.id}`;

const MODES: Array<{ value: SavedObjectsImportMode; text: string }> = [
  {
    value: 'overwrite',
    text: i18n.translate('migrationAssistant.savedObjects.modeOverwrite', { defaultMessage: 'Overwrite objects with the same id' }),
  },
  {
    value: 'keep_existing',
    text: i18n.translate('migrationAssistant.savedObjects.modeKeepExisting', { defaultMessage: 'Keep objects already here (skip those)' }),
  },
  {
    value: 'create_new_copies',
    text: i18n.translate('migrationAssistant.savedObjects.modeCreateNewCopies', { defaultMessage: 'Create new copies with new ids' }),
  },
];

export const SavedObjectsPage = () => {
  const { api, docTitle, setBreadcrumbs } = useAppServices();
  const sources = useRequest(() => api.listSources(), []);
  const [sourceChoice, setSourceChoice] = useState('');
  const [restoredIndex, setRestoredIndex] = useState('');
  const [from, setFrom] = useState<SavedObjectsFrom>();
  const [list, setList] = useState<SavedObjectsListResponse>();
  const [listError, setListError] = useState<ApiError>();
  const [loading, setLoading] = useState(false);
  const [search, setSearch] = useState('');
  const [typeFilter, setTypeFilter] = useState('');
  const [spaceFilter, setSpaceFilter] = useState('');
  const [pageIndex, setPageIndex] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [includeReferences, setIncludeReferences] = useState(true);
  const [space, setSpace] = useState('default');
  const [mode, setMode] = useState<SavedObjectsImportMode>('overwrite');
  const [busy, setBusy] = useState<'check' | 'export' | 'import' | 'verify'>();
  const [actionError, setActionError] = useState<ApiError>();
  const [check, setCheck] = useState<SavedObjectsCheckReport>();
  const [imported, setImported] = useState<SavedObjectsImportReport>();
  const [verified, setVerified] = useState<SavedObjectsVerifyReport>();

  useEffect(() => {
    const title = i18n.translate('migrationAssistant.savedObjects.pageTitle', { defaultMessage: 'Import saved objects' });
    docTitle.change(title);
    setBreadcrumbs([{ text: i18n.translate('migrationAssistant.savedObjects.breadcrumbHome', { defaultMessage: 'Migration Assistant' }), href: '#/' }, { text: title }]);
  }, [docTitle, setBreadcrumbs]);

  const sourceId = sourceChoice && sourceChoice !== RESTORED_COPY ? sourceChoice : sources.data?.sources[0]?.id ?? '';
  const chosenFrom = (): SavedObjectsFrom | undefined =>
    sourceChoice === RESTORED_COPY ? (restoredIndex.trim() ? { index: restoredIndex.trim() } : undefined) : sourceId ? { source_id: sourceId } : undefined;

  const load = async () => {
    const target = chosenFrom();
    if (!target) return;
    setLoading(true);
    setListError(undefined);
    setCheck(undefined);
    setImported(undefined);
    setVerified(undefined);
    setSelected(new Set());
    try {
      setList(await api.listSavedObjects(target));
      setFrom(target);
    } catch (error) {
      setListError(toApiError(error));
    } finally {
      setLoading(false);
    }
  };

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (list?.objects ?? []).filter(
      (object) => (!typeFilter || object.type === typeFilter) && (!spaceFilter || object.space === spaceFilter) && (!needle || object.title.toLowerCase().includes(needle))
    );
  }, [list, search, typeFilter, spaceFilter]);
  const page = shown.slice(pageIndex * PAGE_SIZE, (pageIndex + 1) * PAGE_SIZE);

  const toggle = (keys: string[], on: boolean) => {
    setSelected((previous) => {
      const next = new Set(previous);
      for (const key of keys) {
        if (on) next.add(key);
        else next.delete(key);
      }
      return next;
    });
    setCheck(undefined);
    setImported(undefined);
    setVerified(undefined);
  };

  const selection = (): SavedObjectKey[] =>
    (list?.objects ?? []).filter((object) => selected.has(objectRowKey(object))).map(({ type, id, space: objectSpace }) => ({ type, id, space: objectSpace }));
  const request = () => ({ from: from as SavedObjectsFrom, objects: selection(), include_references: includeReferences, space: space.trim() || 'default', mode });

  const run = async <T,>(what: 'check' | 'export' | 'import' | 'verify', action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(what);
    setActionError(undefined);
    try {
      return await action();
    } catch (error) {
      setActionError(toApiError(error));
      return undefined;
    } finally {
      setBusy(undefined);
    }
  };

  const runCheck = async () => {
    setImported(undefined);
    setVerified(undefined);
    const report = await run('check', () => api.checkSavedObjects(request()));
    if (report) setCheck(report);
  };
  const runExport = async () => {
    const text = await run('export', () => api.exportSavedObjects(request()));
    if (text !== undefined) downloadText('export.ndjson', text, 'application/ndjson');
  };
  const runImport = async () => {
    const report = await run('import', () => api.importSavedObjects(request()));
    if (report) {
      setImported(report);
      setCheck(report.check);
    }
  };
  const runVerify = async () => {
    if (!imported) return;
    const written = imported.results.filter((result) => result.status !== 'refused');
    const report = await run('verify', () =>
      api.verifySavedObjects({ space: imported.space, objects: written.map((result) => ({ type: result.type, id: result.destination_id ?? result.id, title: result.title })) })
    );
    if (report) setVerified(report);
  };

  const allShownSelected = page.length > 0 && page.every((object) => selected.has(objectRowKey(object)));
  const columns: Array<EuiBasicTableColumn<SavedObjectSummary>> = [
    {
      field: 'id',
      width: '48px',
      name: (
        <EuiCheckbox
          id="soSelectPage"
          checked={allShownSelected}
          onChange={(event) => toggle(page.map(objectRowKey), event.target.checked)}
          aria-label={i18n.translate('migrationAssistant.savedObjects.selectPageLabel', { defaultMessage: 'Select the objects of this page' })}
          data-test-subj="soSelectPage"
        />
      ),
      render: (_id: string, object: SavedObjectSummary) => (
        <EuiCheckbox
          id={`so-${objectRowKey(object)}`}
          checked={selected.has(objectRowKey(object))}
          onChange={(event) => toggle([objectRowKey(object)], event.target.checked)}
          aria-label={i18n.translate('migrationAssistant.savedObjects.selectObjectLabel', { defaultMessage: 'Select {title}', values: { title: object.title } })}
          data-test-subj="soSelectObject"
        />
      ),
    },
    { field: 'title', name: i18n.translate('migrationAssistant.savedObjects.titleColumn', { defaultMessage: 'Title' }), render: (title: string) => <span data-test-subj="soObjectTitle">{title}</span> },
    { field: 'type', name: i18n.translate('migrationAssistant.savedObjects.typeColumn', { defaultMessage: 'Type' }) },
    { field: 'space', name: i18n.translate('migrationAssistant.savedObjects.spaceColumn', { defaultMessage: 'Space' }) },
    {
      field: 'references',
      name: i18n.translate('migrationAssistant.savedObjects.referencesColumn', { defaultMessage: 'References' }),
      render: (references: SavedObjectSummary['references'], object: SavedObjectSummary) =>
        `${references.length}${
          object.extracted_references
            ? ` ${i18n.translate('migrationAssistant.savedObjects.extractedReferences', { defaultMessage: '(read from its attributes, Kibana 6.x)' })}`
            : ''
        }`,
    },
  ];

  const sourceOptions = [
    ...(sources.data?.sources ?? []).map((source) => ({ value: source.id, text: `${source.name} (${source.host})` })),
    { value: RESTORED_COPY, text: i18n.translate('migrationAssistant.savedObjects.restoredCopyOption', { defaultMessage: 'A restored copy of .kibana on this cluster' }) },
  ];
  const types = Object.keys(list?.types ?? {}).sort();

  return (
    <>
      <EuiPageHeader
        pageTitle={<FormattedMessage id="migrationAssistant.savedObjects.pageTitle" defaultMessage="Import saved objects" />}
        description={
          <FormattedMessage
            id="migrationAssistant.savedObjects.pageDescription"
            defaultMessage="Pick dashboards, visualizations and data views from the source's Kibana, check every reference against this Kibana, then import them into a space of this Kibana through its own importer."
          />
        }
      />
      <EuiSpacer size="l" />
      <EuiPanel hasBorder>
        <EuiTitle size="s">
          <h2>
            <FormattedMessage id="migrationAssistant.savedObjects.selectTitle" defaultMessage="1. Select" />
          </h2>
        </EuiTitle>
        <EuiSpacer size="m" />
        {sources.error && <ErrorCallout title={i18n.translate('migrationAssistant.savedObjects.sourcesError', { defaultMessage: 'The saved sources could not be read' })} error={sources.error} onRetry={sources.reload} />}
        <EuiFlexGroup alignItems="flexEnd" wrap>
          <EuiFlexItem grow={false} style={{ minWidth: 320 }}>
            <EuiFormRow label={i18n.translate('migrationAssistant.savedObjects.fromLabel', { defaultMessage: 'Read saved objects from' })}>
              <EuiSelect options={sourceOptions} value={sourceChoice || sourceId} onChange={(event) => setSourceChoice(event.target.value)} data-test-subj="soSourceSelect" />
            </EuiFormRow>
          </EuiFlexItem>
          {sourceChoice === RESTORED_COPY && (
            <EuiFlexItem grow={false}>
              <EuiFormRow label={i18n.translate('migrationAssistant.savedObjects.restoredIndexLabel', { defaultMessage: 'Restored index' })}>
                <EuiFieldText value={restoredIndex} placeholder="restored_.kibana_7.17.9_001" onChange={(event) => setRestoredIndex(event.target.value)} data-test-subj="soRestoredIndex" />
              </EuiFormRow>
            </EuiFlexItem>
          )}
          <EuiFlexItem grow={false}>
            <EuiButton onClick={load} isLoading={loading} isDisabled={!chosenFrom()} data-test-subj="soLoadButton">
              <FormattedMessage id="migrationAssistant.savedObjects.loadButton" defaultMessage="Read saved objects" />
            </EuiButton>
          </EuiFlexItem>
        </EuiFlexGroup>
        {listError && (
          <>
            <EuiSpacer size="m" />
            <ErrorCallout title={i18n.translate('migrationAssistant.savedObjects.listError', { defaultMessage: 'The saved objects could not be read' })} error={listError} onRetry={load} />
          </>
        )}
        {list && (
          <>
            <EuiSpacer size="m" />
            <EuiText size="s" data-test-subj="soListSummary">
              <p>
                <FormattedMessage
                  id="migrationAssistant.savedObjects.listSummary"
                  defaultMessage="{total} saved objects in {spaces} spaces, read from {readFrom} (Kibana {version}, {layout} layout)."
                  values={{ total: list.total, spaces: list.spaces.length, readFrom: list.read_from, version: list.kibana_version ?? '?', layout: list.layout }}
                />
              </p>
            </EuiText>
            <EuiSpacer size="s" />
            <EuiFlexGroup wrap alignItems="flexEnd">
              <EuiFlexItem>
                <EuiFormRow label={i18n.translate('migrationAssistant.savedObjects.searchLabel', { defaultMessage: 'Search by title' })}>
                  <EuiFieldSearch
                    value={search}
                    onChange={(event) => {
                      setSearch(event.target.value);
                      setPageIndex(0);
                    }}
                    data-test-subj="soSearch"
                  />
                </EuiFormRow>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiFormRow label={i18n.translate('migrationAssistant.savedObjects.typeFilterLabel', { defaultMessage: 'Type' })}>
                  <EuiSelect
                    options={[{ value: '', text: i18n.translate('migrationAssistant.savedObjects.allTypes', { defaultMessage: 'All types' }) }, ...types.map((type) => ({ value: type, text: `${type} (${list.types[type]})` }))]}
                    value={typeFilter}
                    onChange={(event) => {
                      setTypeFilter(event.target.value);
                      setPageIndex(0);
                    }}
                    data-test-subj="soTypeFilter"
                  />
                </EuiFormRow>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiFormRow label={i18n.translate('migrationAssistant.savedObjects.spaceFilterLabel', { defaultMessage: 'Space' })}>
                  <EuiSelect
                    options={[{ value: '', text: i18n.translate('migrationAssistant.savedObjects.allSpaces', { defaultMessage: 'All spaces' }) }, ...list.spaces.map((value) => ({ value, text: value }))]}
                    value={spaceFilter}
                    onChange={(event) => {
                      setSpaceFilter(event.target.value);
                      setPageIndex(0);
                    }}
                    data-test-subj="soSpaceFilter"
                  />
                </EuiFormRow>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiButton onClick={() => toggle(shown.map(objectRowKey), true)} isDisabled={shown.length === 0} data-test-subj="soSelectAllShown">
                  {typeFilter ? (
                    <FormattedMessage id="migrationAssistant.savedObjects.selectAllOfType" defaultMessage="Select all {count} of type {type}" values={{ count: shown.length, type: typeFilter }} />
                  ) : (
                    <FormattedMessage id="migrationAssistant.savedObjects.selectAllShown" defaultMessage="Select all {count} shown" values={{ count: shown.length }} />
                  )}
                </EuiButton>
              </EuiFlexItem>
            </EuiFlexGroup>
            <EuiSpacer size="s" />
            <EuiBasicTable
              items={page}
              itemId={objectRowKey}
              columns={columns}
              rowProps={(object: SavedObjectSummary) => ({ 'data-test-subj': `soRow-${object.type}-${object.id}-${object.space}` })}
              pagination={{ pageIndex, pageSize: PAGE_SIZE, totalItemCount: shown.length, showPerPageOptions: false }}
              onChange={({ page: next }: { page?: { index: number } }) => next && setPageIndex(next.index)}
              tableCaption={i18n.translate('migrationAssistant.savedObjects.tableCaption', { defaultMessage: "The source's saved objects" })}
              data-test-subj="soObjectsTable"
            />
            <EuiSpacer size="m" />
            <EuiFlexGroup wrap alignItems="flexEnd">
              <EuiFlexItem grow={false}>
                <EuiSwitch
                  label={i18n.translate('migrationAssistant.savedObjects.includeReferences', { defaultMessage: 'With everything they reference' })}
                  checked={includeReferences}
                  onChange={(event) => {
                    setIncludeReferences(event.target.checked);
                    setCheck(undefined);
                  }}
                  data-test-subj="soIncludeReferences"
                />
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiFormRow label={i18n.translate('migrationAssistant.savedObjects.targetSpaceLabel', { defaultMessage: 'Import into the space' })}>
                  <EuiFieldText value={space} onChange={(event) => setSpace(event.target.value)} data-test-subj="soTargetSpace" />
                </EuiFormRow>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiFormRow label={i18n.translate('migrationAssistant.savedObjects.modeLabel', { defaultMessage: 'Objects already in this Kibana' })}>
                  <EuiSelect options={MODES} value={mode} onChange={(event) => setMode(event.target.value as SavedObjectsImportMode)} data-test-subj="soMode" />
                </EuiFormRow>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiButton fill onClick={runCheck} isLoading={busy === 'check'} isDisabled={selected.size === 0} data-test-subj="soCheckButton">
                  <FormattedMessage id="migrationAssistant.savedObjects.checkButton" defaultMessage="Check {count} selected" values={{ count: selected.size }} />
                </EuiButton>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiButton iconType="download" onClick={runExport} isLoading={busy === 'export'} isDisabled={selected.size === 0} data-test-subj="soExportButton">
                  <FormattedMessage id="migrationAssistant.savedObjects.exportButton" defaultMessage="Download as a Kibana import file" />
                </EuiButton>
              </EuiFlexItem>
            </EuiFlexGroup>
          </>
        )}
      </EuiPanel>
      {actionError && (
        <>
          <EuiSpacer size="m" />
          <ErrorCallout title={i18n.translate('migrationAssistant.savedObjects.actionError', { defaultMessage: 'That did not work' })} error={actionError} />
        </>
      )}
      {check && (
        <>
          <EuiSpacer size="l" />
          <CheckReportPanel
            report={check}
            importing={busy === 'import'}
            imported={imported !== undefined}
            onImport={runImport}
            onDownload={() => downloadText(`saved-objects-check-${check.checked_at.replace(/[:.]/g, '-')}.json`, JSON.stringify(check, null, 2), 'application/json')}
          />
        </>
      )}
      {imported && (
        <>
          <EuiSpacer size="l" />
          <ImportResultsPanel report={imported} verifying={busy === 'verify'} onVerify={runVerify} />
        </>
      )}
      {verified && (
        <>
          <EuiSpacer size="l" />
          <VerifyPanel report={verified} />
        </>
      )}
      {!list && !listError && (
        <>
          <EuiSpacer size="m" />
          <EuiCallOut
            iconType="iInCircle"
            title={i18n.translate('migrationAssistant.savedObjects.howTitle', { defaultMessage: 'How the import works' })}
          >
            <p>
              <FormattedMessage
                id="migrationAssistant.savedObjects.howText"
                defaultMessage="Kibana's own import checks only data views and saved searches. This check follows every reference of every selected object, and finds objects too new for this Kibana, types it no longer has, and objects with the same id here, before anything is written."
              />
            </p>
          </EuiCallOut>
        </>
      )}
    </>
  );
};
