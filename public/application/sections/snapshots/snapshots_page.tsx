/*
 * Snapshots: the destination's repositories (register one read-only), the snapshots of a repository with
 * whether and how each restores here, and a restore of selected indices under new names.
 */
import React, { useEffect, useState } from 'react';
import { useHistory } from 'react-router-dom';
import {
  EuiHealth,
  EuiBasicTable,
  EuiButton,
  EuiCallOut,
  EuiCheckboxGroup,
  EuiCodeBlock,
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
import { featureStateConfirmation, FILE_REALM_SUPERUSER_COMMAND, INTERNAL_INDEX } from '../../../../common/lib/snapshot_compat';
import { renamePatternProblem } from '../../../../common/lib/rename';
import type { SnapshotRestoreJobRequest } from '../../../../common/types/jobs';
import type { PreflightResponse } from '../../../../common/types/preflight';
import type { Repository, SnapshotSummary } from '../../../../common/types/snapshots';
import { useAppServices, useDocumentationLinks } from '../../app_context';
import { ErrorCallout } from '../../components/error_callout';
import { PreflightResults } from '../../components/preflight_results';
import { TypedConfirmModal } from '../../components/typed_confirm_modal';
import { useRequest } from '../../components/use_request';
import { ApiError, toApiError } from '../../services/api';
import { DocLink } from '../../components/doc_link';


/** Indices of the snapshot's feature states restore only with their feature state (8.0+, facts file section 4). */
const restorableIndices = (snapshot: SnapshotSummary): string[] => {
  const inFeatureStates = new Set(snapshot.feature_states.flatMap((feature) => feature.indices));
  return snapshot.indices.filter((index) => !inFeatureStates.has(index));
};

const RegisterRepository = ({ onRegistered }: { onRegistered: (name: string) => void }) => {
  const { api } = useAppServices();
  const links = useDocumentationLinks();
  const [name, setName] = useState('');
  const [location, setLocation] = useState('');
  const [writable, setWritable] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.registerRepository(name.trim(), { type: 'fs', settings: { location: location.trim() }, ...(writable ? { readonly: false } : {}) });
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
            helpText={
              <>
                {i18n.translate('migrationAssistant.snapshots.locationHelp', { defaultMessage: 'The folder the source writes its snapshots to; it must be listed in path.repo on this cluster.' })}{' '}
                <DocLink href={links.readOnlyRepository} />
              </>
            }
          >
            <EuiFieldText value={location} onChange={(e) => setLocation(e.target.value)} data-test-subj="repositoryLocationInput" />
          </EuiFormRow>
        </EuiFlexItem>
      </EuiFlexGroup>
      <EuiFormRow
        helpText={i18n.translate('migrationAssistant.snapshots.writableHelp', {
          defaultMessage: "Only for this cluster's own repository (safety snapshots before a feature-state restore). Register the source's repository read-only: two clusters writing one repository corrupt it.",
        })}
      >
        <EuiSwitch label={i18n.translate('migrationAssistant.snapshots.writable', { defaultMessage: 'Writable' })} checked={writable} onChange={(e) => setWritable(e.target.checked)} data-test-subj="repositoryWritableSwitch" />
      </EuiFormRow>
      <EuiSpacer size="s" />
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

/*
 * Feature states replace the destination's own (its .kibana or .security indices included): the user picks
 * a writable repository for the safety snapshot and types the confirmation phrase.
 */
const FeatureStatePanel = ({ repository, snapshot, repositories }: { repository: string; snapshot: SnapshotSummary; repositories: Repository[] }) => {
  const { api } = useAppServices();
  const links = useDocumentationLinks();
  const routerHistory = useHistory();
  const navigate = (path: string) => routerHistory.push(path);
  const [selected, setSelected] = useState<Record<string, boolean>>({});
  const writable = repositories.filter((r) => !r.readonly);
  const [safetyRepository, setSafetyRepository] = useState(writable[0]?.name ?? '');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError>();
  const featureStates = snapshot.feature_states.map((f) => f.feature_name).filter((name) => selected[name]);
  const restore = async (confirmation: string) => {
    setError(undefined);
    try {
      const job = await api.createRestoreJob({
        type: 'snapshot_restore',
        repository,
        snapshot: snapshot.snapshot,
        indices: [],
        feature_states: featureStates,
        safety_repository: safetyRepository,
        confirmation,
      });
      navigate(`/jobs/${job.id}`);
    } catch (e) {
      setError(toApiError(e));
    }
  };
  return (
    <EuiPanel hasBorder data-test-subj="featureStatePanel">
      <EuiTitle size="xs">
        <h3>
          <FormattedMessage id="migrationAssistant.snapshots.featureTitle" defaultMessage="Restore feature states" />
        </h3>
      </EuiTitle>
      <EuiSpacer size="s" />
      <EuiCallOut color="warning" iconType="warning" size="s" title={i18n.translate('migrationAssistant.snapshots.featureWarning', { defaultMessage: 'A feature state replaces the destination’s own' })}>
        <p>
          <FormattedMessage
            id="migrationAssistant.snapshots.featureWarningBody"
            defaultMessage="Elasticsearch deletes this destination's indices of each feature (for kibana, the .kibana indices of the Kibana you are using) and restores the snapshot's. A safety snapshot of the current ones is taken first."
          />{' '}
          <DocLink href={links.featureStates} testSubj="featureStatesDocLink" />
        </p>
      </EuiCallOut>
      <EuiSpacer size="s" />
      <EuiCheckboxGroup
        options={snapshot.feature_states.map((f) => ({ id: f.feature_name, label: `${f.feature_name} (${f.indices.join(', ')})`, 'data-test-subj': `featureState-${f.feature_name}` }))}
        idToSelectedMap={selected}
        onChange={(id) => setSelected({ ...selected, [id]: !selected[id] })}
        legend={{ children: i18n.translate('migrationAssistant.snapshots.featureLegend', { defaultMessage: 'Feature states in this snapshot' }) }}
      />
      {selected.security && (
        <>
          <EuiSpacer size="s" />
          <EuiCallOut color="danger" iconType="lock" size="s" title={i18n.translate('migrationAssistant.snapshots.securityWarning', { defaultMessage: 'Restoring security replaces every user and role' })} data-test-subj="securityFeatureWarning">
            <p>
              <FormattedMessage id="migrationAssistant.snapshots.securityWarningBody" defaultMessage="First add a file-realm superuser on every destination node, so you cannot lock yourself out:" />
            </p>
            <EuiCodeBlock isCopyable paddingSize="s" fontSize="s" language="bash">
              {FILE_REALM_SUPERUSER_COMMAND}
            </EuiCodeBlock>
          </EuiCallOut>
        </>
      )}
      <EuiSpacer size="s" />
      <EuiFormRow
        label={i18n.translate('migrationAssistant.snapshots.safetyRepository', { defaultMessage: 'Safety snapshot repository (writable)' })}
        helpText={
          writable.length === 0
            ? i18n.translate('migrationAssistant.snapshots.noWritable', { defaultMessage: 'No writable repository is registered: register one with readonly false first.' })
            : undefined
        }
      >
        <EuiSelect
          options={writable.map((r) => ({ value: r.name, text: `${r.name} (${r.type})` }))}
          value={safetyRepository}
          onChange={(e) => setSafetyRepository(e.target.value)}
          data-test-subj="safetyRepositorySelect"
        />
      </EuiFormRow>
      <EuiSpacer size="s" />
      <EuiButton color="danger" isDisabled={featureStates.length === 0 || !safetyRepository} onClick={() => setConfirming(true)} data-test-subj="restoreFeatureStatesButton">
        <FormattedMessage id="migrationAssistant.snapshots.featureButton" defaultMessage="Restore {count, plural, one {# feature state} other {# feature states}}" values={{ count: featureStates.length }} />
      </EuiButton>
      {error && (
        <>
          <EuiSpacer size="s" />
          <ErrorCallout title={i18n.translate('migrationAssistant.snapshots.restoreError', { defaultMessage: 'The restore could not start' })} error={error} />
        </>
      )}
      {confirming && (
        <TypedConfirmModal
          title={i18n.translate('migrationAssistant.snapshots.featureConfirmTitle', { defaultMessage: 'Replace {features} on this cluster?', values: { features: featureStates.join(', ') } })}
          phrase={featureStateConfirmation(featureStates)}
          onCancel={() => setConfirming(false)}
          onConfirm={(typed) => {
            setConfirming(false);
            void restore(typed);
          }}
          cancelButtonText={i18n.translate('migrationAssistant.snapshots.featureConfirmCancel', { defaultMessage: 'Keep the current ones' })}
          confirmButtonText={i18n.translate('migrationAssistant.snapshots.featureConfirmButton', { defaultMessage: 'Take the safety snapshot and restore' })}
          inputTestSubj="featureConfirmInput"
        />
      )}
    </EuiPanel>
  );
};

const RestorePanel = ({ repository, snapshot, repositories }: { repository: string; snapshot: SnapshotSummary; repositories: Repository[] }) => {
  const { api } = useAppServices();
  const routerHistory = useHistory();
  const navigate = (path: string) => routerHistory.push(path);
  const [selected, setSelected] = useState<Record<string, boolean>>({});
  const [pattern, setPattern] = useState('^\\.?(.+)$');
  const [replacement, setReplacement] = useState('restored_$1');
  // The server's own check (RE2 syntax, bounded), so the form refuses what the API would.
  const patternProblem = pattern ? renamePatternProblem(pattern) : undefined;
  const [includeAliases, setIncludeAliases] = useState(false);
  const [overwrite, setOverwrite] = useState(false);
  const writable = repositories.filter((r) => !r.readonly);
  const [safetyRepository, setSafetyRepository] = useState(writable[0]?.name ?? '');
  // The phrase the server asks for before it closes and overwrites existing indices.
  const [phrase, setPhrase] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const indices = Object.keys(selected).filter((key) => selected[key]);
  const [review, setReview] = useState<{ preflight?: PreflightResponse; requests?: string[] }>();
  const [reviewing, setReviewing] = useState(false);
  const request = (confirmation?: string): SnapshotRestoreJobRequest => ({
    type: 'snapshot_restore',
    repository,
    snapshot: snapshot.snapshot,
    indices,
    rename_pattern: pattern || undefined,
    rename_replacement: replacement,
    include_aliases: includeAliases,
    ...(overwrite ? { overwrite_existing: true, safety_repository: safetyRepository } : {}),
    // Overwriting, or writing under an internal name (.kibana*, .security*), asks for a typed phrase.
    ...(confirmation ? { confirmation } : {}),
  });
  // A changed choice needs a new check and review.
  const choice = JSON.stringify(request());
  useEffect(() => setReview(undefined), [choice]);
  const check = async () => {
    setError(undefined);
    setReviewing(true);
    const { type: _type, confirmation: _confirmation, ...fields } = request();
    const [preflight, plan] = await Promise.allSettled([api.preflight({ method: 'snapshot', ...fields }), api.planRestore(request())]);
    setReview({
      preflight: preflight.status === 'fulfilled' ? preflight.value : undefined,
      requests: plan.status === 'fulfilled' ? plan.value.plan?.requests : undefined,
    });
    if (preflight.status === 'rejected') setError(toApiError(preflight.reason));
    setReviewing(false);
  };
  const restore = async (confirmation?: string) => {
    setError(undefined);
    try {
      const job = await api.createRestoreJob(request(confirmation));
      navigate(`/jobs/${job.id}`);
    } catch (e) {
      const apiError = toApiError(e);
      if (!confirmation && apiError.attributes?.field === 'confirmation' && apiError.attributes.confirmation) {
        setPhrase(apiError.attributes.confirmation);
        return;
      }
      setError(apiError);
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
        options={restorableIndices(snapshot).map((index) => ({ id: index, label: INTERNAL_INDEX.test(index) ? `${index} (internal)` : index, 'data-test-subj': `restoreIndex-${index}` }))}
        idToSelectedMap={selected}
        onChange={(id) => setSelected({ ...selected, [id]: !selected[id] })}
        legend={{ children: i18n.translate('migrationAssistant.snapshots.indicesLegend', { defaultMessage: 'Indices to restore' }) }}
      />
      <EuiSpacer size="s" />
      <EuiFlexGroup>
        <EuiFlexItem>
          <EuiFormRow
            label={i18n.translate('migrationAssistant.snapshots.renamePattern', { defaultMessage: 'Rename pattern' })}
            isInvalid={!!patternProblem}
            error={patternProblem ? i18n.translate('migrationAssistant.snapshots.renamePatternInvalid', { defaultMessage: 'The pattern {problem}', values: { problem: patternProblem } }) : undefined}
          >
            <EuiFieldText isInvalid={!!patternProblem} value={pattern} onChange={(e) => setPattern(e.target.value)} data-test-subj="restoreRenamePattern" />
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
      <EuiFormRow
        helpText={i18n.translate('migrationAssistant.snapshots.overwriteHelp', {
          defaultMessage:
            'Indices of the same name on this cluster are saved to a safety snapshot, closed, restored over and reopened (on 7.x, the way to bring back .kibana and .security; clear the rename pattern for that).',
        })}
      >
        <EuiSwitch
          label={i18n.translate('migrationAssistant.snapshots.overwrite', { defaultMessage: 'Close and overwrite existing indices' })}
          checked={overwrite}
          onChange={(e) => setOverwrite(e.target.checked)}
          data-test-subj="restoreOverwriteSwitch"
        />
      </EuiFormRow>
      {overwrite && (
        <EuiFormRow label={i18n.translate('migrationAssistant.snapshots.safetyRepository', { defaultMessage: 'Safety snapshot repository (writable)' })}>
          <EuiSelect
            options={writable.map((r) => ({ value: r.name, text: `${r.name} (${r.type})` }))}
            value={safetyRepository}
            onChange={(e) => setSafetyRepository(e.target.value)}
            data-test-subj="restoreSafetyRepositorySelect"
          />
        </EuiFormRow>
      )}
      <EuiSpacer size="s" />
      <EuiButton isLoading={reviewing} isDisabled={indices.length === 0 || (overwrite && !safetyRepository)} onClick={() => void check()} data-test-subj="reviewRestoreButton">
        <FormattedMessage id="migrationAssistant.snapshots.reviewButton" defaultMessage="Check and review" />
      </EuiButton>
      {review && (
        <>
          <EuiSpacer />
          <EuiTitle size="xxs">
            <h4>
              <FormattedMessage id="migrationAssistant.snapshots.checksTitle" defaultMessage="Preflight checks" />
            </h4>
          </EuiTitle>
          <EuiSpacer size="s" />
          {review.preflight && <PreflightResults result={review.preflight} />}
          {review.requests && (
            <>
              <EuiTitle size="xxs">
                <h4>
                  <FormattedMessage id="migrationAssistant.snapshots.requestsTitle" defaultMessage="The requests this restore sends, in order" />
                </h4>
              </EuiTitle>
              <EuiSpacer size="s" />
              {review.requests.map((text, i) => (
                <EuiCodeBlock key={i} isCopyable language="json" fontSize="s" paddingSize="s" data-test-subj="restoreRequest">
                  {text}
                </EuiCodeBlock>
              ))}
            </>
          )}
          <EuiSpacer size="s" />
          <EuiButton fill isDisabled={review.preflight?.status === 'fail' || !review.requests} onClick={() => void restore()} data-test-subj="startRestoreButton">
            <FormattedMessage id="migrationAssistant.snapshots.restoreButton" defaultMessage="Restore {count} indices" values={{ count: indices.length }} />
          </EuiButton>
        </>
      )}
      {error && (
        <>
          <EuiSpacer size="s" />
          <ErrorCallout title={i18n.translate('migrationAssistant.snapshots.restoreError', { defaultMessage: 'The restore could not start' })} error={error} />
        </>
      )}
      {phrase && (
        <TypedConfirmModal
          title={
            phrase.startsWith('write into')
              ? i18n.translate('migrationAssistant.snapshots.internalTitle', { defaultMessage: 'Restore under internal names (.kibana*, .security*)?' })
              : i18n.translate('migrationAssistant.snapshots.overwriteTitle', { defaultMessage: 'Close and overwrite existing indices?' })
          }
          phrase={phrase}
          onCancel={() => setPhrase(undefined)}
          onConfirm={(typed) => {
            setPhrase(undefined);
            void restore(typed);
          }}
          cancelButtonText={i18n.translate('migrationAssistant.snapshots.overwriteCancel', { defaultMessage: 'Keep them' })}
          confirmButtonText={i18n.translate('migrationAssistant.snapshots.overwriteConfirm', { defaultMessage: 'Take the safety snapshot and overwrite' })}
          inputTestSubj="overwriteConfirmInput"
        >
          <EuiText size="s">
            <p>
              <FormattedMessage
                id="migrationAssistant.snapshots.overwriteBody"
                defaultMessage="They are saved to {repository}, closed, replaced by the snapshot's and reopened, even if the restore fails."
                values={{ repository: safetyRepository }}
              />
            </p>
          </EuiText>
        </TypedConfirmModal>
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
                  <EuiHealth color={s.restorable ? 'success' : 'danger'} data-test-subj="snapshotRestorable">
                    {s.restorable ? i18n.translate('migrationAssistant.snapshots.yes', { defaultMessage: 'yes' }) : i18n.translate('migrationAssistant.snapshots.no', { defaultMessage: 'no' })}
                  </EuiHealth>
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
          {restorableIndices(chosen).length > 0 && <RestorePanel repository={repository} snapshot={chosen} repositories={repositories.data?.repositories ?? []} />}
          {chosen.feature_states.length > 0 && (
            <>
              <EuiSpacer />
              <FeatureStatePanel repository={repository} snapshot={chosen} repositories={repositories.data?.repositories ?? []} />
            </>
          )}
        </>
      )}
    </>
  );
};
