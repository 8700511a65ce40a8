/*
 * Snapshots: the destination's repositories (register one read-only), the snapshots of a repository with
 * whether and how each restores here, and a restore of selected indices under new names.
 */
import React, { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  EuiBadge,
  EuiBasicTable,
  EuiButton,
  EuiCallOut,
  EuiCheckboxGroup,
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
import type { SnapshotSummary } from '../../../../common/types/snapshots';
import { useAppServices } from '../../app_context';
import { ErrorCallout } from '../../components/error_callout';
import { useRequest } from '../../components/use_request';
import { ApiError, toApiError } from '../../services/api';

const INTERNAL_INDEX = /^\.(kibana|security)/;

const RegisterRepository = ({ onRegistered }: { onRegistered: (name: string) => void }) => {
  const { api } = useAppServices();
  const [name, setName] = useState('');
  const [location, setLocation] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.registerRepository(name.trim(), { type: 'fs', settings: { location: location.trim() } });
      onRegistered(name.trim());
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <EuiPanel hasBorder>
      <EuiTitle size="xs">
        <h3>
          <FormattedMessage id="migrationAssistant.snapshots.registerTitle" defaultMessage="Register the source's repository (read-only)" />
        </h3>
      </EuiTitle>
      <EuiSpacer size="s" />
      <EuiFlexGroup>
        <EuiFlexItem>
          <EuiFormRow label={i18n.translate('migrationAssistant.snapshots.nameLabel', { defaultMessage: 'Repository name' })}>
            <EuiFieldText value={name} onChange={(e) => setName(e.target.value)} data-test-subj="repositoryNameInput" />
          </EuiFormRow>
        </EuiFlexItem>
        <EuiFlexItem>
          <EuiFormRow
            label={i18n.translate('migrationAssistant.snapshots.locationLabel', { defaultMessage: 'Shared file system location' })}
            helpText={i18n.translate('migrationAssistant.snapshots.locationHelp', { defaultMessage: 'The folder the source writes its snapshots to; it must be listed in path.repo on this cluster.' })}
          >
            <EuiFieldText value={location} onChange={(e) => setLocation(e.target.value)} data-test-subj="repositoryLocationInput" />
          </EuiFormRow>
        </EuiFlexItem>
      </EuiFlexGroup>
      <EuiButton isLoading={busy} onClick={() => void submit()} data-test-subj="registerRepositoryButton">
        <FormattedMessage id="migrationAssistant.snapshots.registerButton" defaultMessage="Register and verify" />
      </EuiButton>
      {error && (
        <>
          <EuiSpacer size="s" />
          <ErrorCallout title={i18n.translate('migrationAssistant.snapshots.registerError', { defaultMessage: 'The repository could not be registered' })} error={error} />
        </>
      )}
    </EuiPanel>
  );
};

const RestorePanel = ({ repository, snapshot }: { repository: string; snapshot: SnapshotSummary }) => {
  const { api } = useAppServices();
  const navigate = useNavigate();
  const [selected, setSelected] = useState<Record<string, boolean>>({});
  const [pattern, setPattern] = useState('^\\.?(.+)$');
  const [replacement, setReplacement] = useState('restored_$1');
  const [includeAliases, setIncludeAliases] = useState(false);
  const [error, setError] = useState<ApiError>();
  const indices = Object.keys(selected).filter((key) => selected[key]);
  const restore = async () => {
    setError(undefined);
    try {
      const job = await api.createRestoreJob({
        type: 'snapshot_restore',
        repository,
        snapshot: snapshot.snapshot,
        indices,
        rename_pattern: pattern || undefined,
        rename_replacement: replacement,
        include_aliases: includeAliases,
      });
      navigate(`/jobs/${job.id}`);
    } catch (e) {
      setError(toApiError(e));
    }
  };
  return (
    <EuiPanel hasBorder data-test-subj="restorePanel">
      <EuiTitle size="xs">
        <h3>
          <FormattedMessage id="migrationAssistant.snapshots.restoreTitle" defaultMessage="Restore from {snapshot}" values={{ snapshot: snapshot.snapshot }} />
        </h3>
      </EuiTitle>
      <EuiSpacer size="s" />
      <EuiCheckboxGroup
        options={snapshot.indices.map((index) => ({ id: index, label: INTERNAL_INDEX.test(index) ? `${index} (internal)` : index, 'data-test-subj': `restoreIndex-${index}` }))}
        idToSelectedMap={selected}
        onChange={(id) => setSelected({ ...selected, [id]: !selected[id] })}
        legend={{ children: i18n.translate('migrationAssistant.snapshots.indicesLegend', { defaultMessage: 'Indices to restore' }) }}
      />
      <EuiSpacer size="s" />
      <EuiFlexGroup>
        <EuiFlexItem>
          <EuiFormRow label={i18n.translate('migrationAssistant.snapshots.renamePattern', { defaultMessage: 'Rename pattern' })}>
            <EuiFieldText value={pattern} onChange={(e) => setPattern(e.target.value)} data-test-subj="restoreRenamePattern" />
          </EuiFormRow>
        </EuiFlexItem>
        <EuiFlexItem>
          <EuiFormRow label={i18n.translate('migrationAssistant.snapshots.renameReplacement', { defaultMessage: 'Replacement' })}>
            <EuiFieldText value={replacement} onChange={(e) => setReplacement(e.target.value)} data-test-subj="restoreRenameReplacement" />
          </EuiFormRow>
        </EuiFlexItem>
      </EuiFlexGroup>
      <EuiFormRow
        helpText={i18n.translate('migrationAssistant.snapshots.aliasesHelp', {
          defaultMessage: 'Keep off for copies of .kibana or .security: a renamed copy that joins the live alias makes Kibana inaccessible.',
        })}
      >
        <EuiSwitch label={i18n.translate('migrationAssistant.snapshots.includeAliases', { defaultMessage: 'Restore aliases' })} checked={includeAliases} onChange={(e) => setIncludeAliases(e.target.checked)} />
      </EuiFormRow>
      <EuiSpacer size="s" />
      <EuiButton fill isDisabled={indices.length === 0} onClick={() => void restore()} data-test-subj="startRestoreButton">
        <FormattedMessage id="migrationAssistant.snapshots.restoreButton" defaultMessage="Restore {count} indices" values={{ count: indices.length }} />
      </EuiButton>
      {error && (
        <>
          <EuiSpacer size="s" />
          <ErrorCallout title={i18n.translate('migrationAssistant.snapshots.restoreError', { defaultMessage: 'The restore could not start' })} error={error} />
        </>
      )}
    </EuiPanel>
  );
};

export const SnapshotsPage = () => {
  const { api, setBreadcrumbs, docTitle, history } = useAppServices();
  const [attempt, setAttempt] = useState(0);
  const repositories = useRequest(() => api.listRepositories(), [api, attempt]);
  const [repository, setRepository] = useState<string>();
  const snapshots = useRequest(() => (repository ? api.listSnapshots(repository) : Promise.resolve({ snapshots: [] })), [api, repository]);
  const [chosen, setChosen] = useState<SnapshotSummary>();

  useEffect(() => {
    const title = i18n.translate('migrationAssistant.snapshots.title', { defaultMessage: 'Snapshots' });
    setBreadcrumbs([{ text: i18n.translate('migrationAssistant.breadcrumbs.home', { defaultMessage: 'Migration Assistant' }), onClick: () => history.push('/') }, { text: title }]);
    docTitle.change(title);
  }, [setBreadcrumbs, docTitle, history]);

  return (
    <>
      <EuiPageHeader
        pageTitle={i18n.translate('migrationAssistant.snapshots.title', { defaultMessage: 'Snapshots' })}
        description={i18n.translate('migrationAssistant.snapshots.description', { defaultMessage: 'Restore indices from a repository the source writes and this cluster can read.' })}
        bottomBorder
      />
      <EuiSpacer />
      <RegisterRepository
        onRegistered={(name) => {
          setRepository(name);
          setAttempt((n) => n + 1);
        }}
      />
      <EuiSpacer />
      {repositories.error && <ErrorCallout title={i18n.translate('migrationAssistant.snapshots.listError', { defaultMessage: 'Cannot list the repositories' })} error={repositories.error} onRetry={repositories.reload} />}
      <EuiFormRow label={i18n.translate('migrationAssistant.snapshots.repositoryLabel', { defaultMessage: 'Repository' })}>
        <EuiSelect
          hasNoInitialSelection={!repository}
          value={repository}
          data-test-subj="repositorySelect"
          options={(repositories.data?.repositories ?? []).map((r) => ({ value: r.name, text: `${r.name} (${r.type}${r.readonly ? ', read-only' : ''})` }))}
          onChange={(e) => {
            setChosen(undefined);
            setRepository(e.target.value);
          }}
        />
      </EuiFormRow>
      <EuiSpacer />
      {snapshots.error && <ErrorCallout title={i18n.translate('migrationAssistant.snapshots.snapshotsError', { defaultMessage: 'Cannot list the snapshots' })} error={snapshots.error} onRetry={snapshots.reload} />}
      {repository && (
        <EuiBasicTable<SnapshotSummary>
          tableCaption={i18n.translate('migrationAssistant.snapshots.caption', { defaultMessage: 'Snapshots in the repository' })}
          loading={snapshots.isLoading}
          items={snapshots.data?.snapshots ?? []}
          rowProps={(s) => ({ 'data-test-subj': `snapshotRow-${s.snapshot}` })}
          noItemsMessage={i18n.translate('migrationAssistant.snapshots.empty', { defaultMessage: 'No snapshot in this repository yet.' })}
          columns={[
            { field: 'snapshot', name: i18n.translate('migrationAssistant.snapshots.nameColumn', { defaultMessage: 'Snapshot' }) },
            { field: 'version', name: i18n.translate('migrationAssistant.snapshots.versionColumn', { defaultMessage: 'Version' }) },
            { field: 'state', name: i18n.translate('migrationAssistant.snapshots.stateColumn', { defaultMessage: 'State' }) },
            { name: i18n.translate('migrationAssistant.snapshots.indicesColumn', { defaultMessage: 'Indices' }), render: (s: SnapshotSummary) => s.indices.length },
            {
              name: i18n.translate('migrationAssistant.snapshots.restorableColumn', { defaultMessage: 'Restorable here' }),
              render: (s: SnapshotSummary) => (
                <div>
                  <EuiBadge color={s.restorable ? 'success' : 'danger'} data-test-subj="snapshotRestorable">
                    {s.restorable ? i18n.translate('migrationAssistant.snapshots.yes', { defaultMessage: 'yes' }) : i18n.translate('migrationAssistant.snapshots.no', { defaultMessage: 'no' })}
                  </EuiBadge>
                  {s.restore_notes.map((note) => (
                    <EuiText size="xs" key={note}>
                      {note}
                    </EuiText>
                  ))}
                </div>
              ),
            },
            {
              name: i18n.translate('migrationAssistant.snapshots.actionsColumn', { defaultMessage: 'Actions' }),
              render: (s: SnapshotSummary) => (
                <EuiButton size="s" isDisabled={!s.restorable} onClick={() => setChosen(s)} data-test-subj="chooseSnapshotButton">
                  <FormattedMessage id="migrationAssistant.snapshots.choose" defaultMessage="Restore…" />
                </EuiButton>
              ),
            },
          ]}
        />
      )}
      {!repository && (repositories.data?.repositories.length ?? 0) === 0 && (
        <EuiCallOut iconType="iInCircle" title={i18n.translate('migrationAssistant.snapshots.noRepository', { defaultMessage: 'Register the repository the source writes its snapshots to.' })} />
      )}
      {chosen && repository && (
        <>
          <EuiSpacer />
          <RestorePanel repository={repository} snapshot={chosen} />
        </>
      )}
    </>
  );
};
