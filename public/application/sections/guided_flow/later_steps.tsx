/* Steps 3–5: options (each explained in one sentence), preflight checks, and the review of the plan. */
import React, { useEffect, useState } from 'react';
import {
  EuiBasicTable,
  EuiButton,
  EuiCodeBlock,
  EuiFieldNumber,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFormRow,
  EuiSelect,
  EuiSpacer,
  EuiSwitch,
  EuiText,
  EuiTitle,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import { MAX_CONCURRENCY } from '../../../../common/constants';
import type { Job, JobItem } from '../../../../common/types/jobs';
import type { PreflightResponse } from '../../../../common/types/preflight';
import { useAppServices } from '../../app_context';
import { ErrorCallout } from '../../components/error_callout';
import { TypedConfirmModal } from '../../components/typed_confirm_modal';
import { formatNumber } from '../../components/format';
import { PreflightResults } from '../../components/preflight_results';
import { ApiError, toApiError } from '../../services/api';
import { ContinuousOption } from './continuous_option';
import { FlowState, toJobRequest } from './flow_state';

const numberOrUndefined = (value: string) => (value === '' ? undefined : Number(value));
/** What an empty option field means: the server chooses. */
const automatic = () => i18n.translate('migrationAssistant.options.automatic', { defaultMessage: 'Automatic' });

/** The options' inline validation: the same ranges the server enforces. */
export const optionErrors = (o: FlowState['options']): Partial<Record<'concurrency' | 'requests_per_second' | 'batch_size' | 'partition_threshold_docs', string>> => {
  const errors: ReturnType<typeof optionErrors> = {};
  if (o.concurrency !== undefined && (!Number.isInteger(o.concurrency) || o.concurrency < 1 || o.concurrency > MAX_CONCURRENCY)) {
    errors.concurrency = i18n.translate('migrationAssistant.options.concurrencyError', { defaultMessage: 'A whole number from 1 to {max}, or empty', values: { max: MAX_CONCURRENCY } });
  }
  if (o.requests_per_second === undefined || !(o.requests_per_second === -1 || o.requests_per_second > 0)) {
    errors.requests_per_second = i18n.translate('migrationAssistant.options.throttleError', { defaultMessage: 'Greater than 0, or -1 for no limit' });
  }
  if (o.batch_size !== undefined && (!Number.isInteger(o.batch_size) || o.batch_size < 1 || o.batch_size > 10_000)) {
    errors.batch_size = i18n.translate('migrationAssistant.options.batchError', { defaultMessage: 'A whole number from 1 to 10,000, or empty' });
  }
  if (o.partition_threshold_docs !== undefined && (!Number.isInteger(o.partition_threshold_docs) || o.partition_threshold_docs < 0)) {
    errors.partition_threshold_docs = i18n.translate('migrationAssistant.options.partitionError', { defaultMessage: 'A whole number, 0 or more' });
  }
  return errors;
};

export const OptionsStep = ({ flow, onChange, onNext }: { flow: FlowState; onChange: (next: FlowState) => void; onNext: () => void }) => {
  const set = (patch: Partial<FlowState['options']>) => onChange({ ...flow, options: { ...flow.options, ...patch } });
  const o = flow.options;
  const errors = optionErrors(o);
  return (
    <>
      <EuiFormRow label={i18n.translate('migrationAssistant.options.concurrency', { defaultMessage: 'Indices copied at once' })} helpText={i18n.translate('migrationAssistant.options.concurrencyHelp', { defaultMessage: 'Leave empty: two per processor of the destination’s data nodes. More runs faster until the clusters are busy.' })} isInvalid={!!errors.concurrency} error={errors.concurrency}>
        <EuiFieldNumber min={1} max={MAX_CONCURRENCY} placeholder={automatic()} value={o.concurrency ?? ''} isInvalid={!!errors.concurrency} onChange={(e) => set({ concurrency: numberOrUndefined(e.target.value) })} data-test-subj="concurrencyInput" />
      </EuiFormRow>
      <EuiFormRow label={i18n.translate('migrationAssistant.options.throttle', { defaultMessage: 'Requests per second per index' })} helpText={i18n.translate('migrationAssistant.options.throttleHelp', { defaultMessage: 'Limits the load on both clusters; -1 means no limit.' })} isInvalid={!!errors.requests_per_second} error={errors.requests_per_second}>
        <EuiFieldNumber value={o.requests_per_second ?? ''} isInvalid={!!errors.requests_per_second} onChange={(e) => set({ requests_per_second: numberOrUndefined(e.target.value) })} data-test-subj="throttleOptionInput" />
      </EuiFormRow>
      <EuiFormRow label={i18n.translate('migrationAssistant.options.batch', { defaultMessage: 'Batch size (documents)' })} helpText={i18n.translate('migrationAssistant.options.batchHelp', { defaultMessage: 'Leave empty: the assistant picks one from the average document size so a batch stays under the 100 MB remote buffer.' })} isInvalid={!!errors.batch_size} error={errors.batch_size}>
        <EuiFieldNumber min={1} max={10000} placeholder={automatic()} value={o.batch_size ?? ''} isInvalid={!!errors.batch_size} onChange={(e) => set({ batch_size: numberOrUndefined(e.target.value) })} data-test-subj="batchSizeInput" />
      </EuiFormRow>
      <EuiFormRow label={i18n.translate('migrationAssistant.options.partition', { defaultMessage: 'Split indices larger than (documents)' })} helpText={i18n.translate('migrationAssistant.options.partitionHelp', { defaultMessage: 'Leave empty: indices over 50,000 documents are copied as parallel ranges of a date or number field every document has, one per destination processor. 0 never splits.' })} isInvalid={!!errors.partition_threshold_docs} error={errors.partition_threshold_docs}>
        <EuiFieldNumber min={0} placeholder={automatic()} value={o.partition_threshold_docs ?? ''} isInvalid={!!errors.partition_threshold_docs} onChange={(e) => set({ partition_threshold_docs: numberOrUndefined(e.target.value) })} data-test-subj="partitionInput" />
      </EuiFormRow>
      <EuiFormRow label={i18n.translate('migrationAssistant.options.conflicts', { defaultMessage: 'When a document already exists' })} helpText={i18n.translate('migrationAssistant.options.conflictsHelp', { defaultMessage: 'Abort stops the index at the first conflict; proceed counts it and goes on.' })}>
        <EuiSelect value={o.conflicts ?? 'abort'} onChange={(e) => set({ conflicts: e.target.value as 'abort' | 'proceed' })} options={[{ value: 'abort', text: 'abort' }, { value: 'proceed', text: 'proceed' }]} />
      </EuiFormRow>
      <EuiFormRow helpText={i18n.translate('migrationAssistant.options.prepareHelp', { defaultMessage: 'Creates each destination index with the source’s mappings and settings, with replicas and refresh off during the copy.' })}>
        <EuiSwitch label={i18n.translate('migrationAssistant.options.prepare', { defaultMessage: 'Prepare destination indices' })} checked={o.prepare_destination ?? true} onChange={(e) => set({ prepare_destination: e.target.checked })} />
      </EuiFormRow>
      <ContinuousOption value={o.continuous} onChange={(continuous) => set({ continuous })} />
      <EuiSpacer />
      <EuiButton fill isDisabled={Object.keys(errors).length > 0 || (o.continuous !== undefined && !o.continuous.change_field?.trim())} onClick={onNext} data-test-subj="optionsNextButton">
        <FormattedMessage id="migrationAssistant.options.next" defaultMessage="Continue: preflight checks" />
      </EuiButton>
    </>
  );
};

export const PreflightStep = ({ flow, onNext }: { flow: FlowState; onNext: () => void }) => {
  const { api } = useAppServices();
  const [result, setResult] = useState<PreflightResponse>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(
        await api.preflight({
          method: 'reindex',
          source_id: flow.sourceId ?? '',
          indices: flow.indices,
          ...(flow.options.batch_size ? { batch_size: flow.options.batch_size } : {}),
          ...(flow.rename?.pattern ? { rename: flow.rename } : {}),
          ...(flow.options.continuous ? { continuous: { change_field: flow.options.continuous.change_field, change_fields: flow.options.continuous.change_fields } } : {}),
        })
      );
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <>
      {error && <ErrorCallout title={i18n.translate('migrationAssistant.preflight.error', { defaultMessage: 'The checks could not run' })} error={error} onRetry={() => void run()} />}
      {result && (
        <PreflightResults result={result} />
      )}
      <EuiSpacer />
      <EuiFlexGroup gutterSize="s">
        <EuiFlexItem grow={false}>
          <EuiButton isLoading={busy} onClick={() => void run()} data-test-subj="rerunPreflightButton">
            <FormattedMessage id="migrationAssistant.preflight.rerun" defaultMessage="Run checks again" />
          </EuiButton>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiButton fill isDisabled={!result || result.status === 'fail'} onClick={onNext} data-test-subj="preflightNextButton">
            <FormattedMessage id="migrationAssistant.preflight.next" defaultMessage="Continue: review" />
          </EuiButton>
        </EuiFlexItem>
      </EuiFlexGroup>
    </>
  );
};

export const ReviewStep = ({ flow, onStarted }: { flow: FlowState; onStarted: (job: Job) => void }) => {
  const { api } = useAppServices();
  const [plan, setPlan] = useState<Job & { plan?: { requests: string[] } }>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  // The phrase the server asks for before writing into .kibana* or .security* names.
  const [phrase, setPhrase] = useState<string>();
  useEffect(() => {
    api.planJob(toJobRequest(flow)).then(setPlan, (e: unknown) => setError(toApiError(e)));
  }, [api, flow]);
  const start = async (confirmation?: string) => {
    setBusy(true);
    try {
      onStarted(await api.createJob({ ...toJobRequest(flow), ...(confirmation ? { confirmation } : {}) }));
    } catch (e) {
      const apiError = toApiError(e);
      setBusy(false);
      if (!confirmation && apiError.attributes?.field === 'confirmation' && apiError.attributes.confirmation) {
        setPhrase(apiError.attributes.confirmation);
        return;
      }
      setError(apiError);
    }
  };
  return (
    <>
      {error && <ErrorCallout title={i18n.translate('migrationAssistant.review.error', { defaultMessage: 'The plan could not be made' })} error={error} />}
      {plan && (
        <>
          <EuiBasicTable<JobItem>
            tableCaption={i18n.translate('migrationAssistant.review.caption', { defaultMessage: 'What will be copied' })}
            items={plan.items}
            columns={[
              { field: 'source', name: i18n.translate('migrationAssistant.review.source', { defaultMessage: 'Source' }) },
              { field: 'dest', name: i18n.translate('migrationAssistant.review.dest', { defaultMessage: 'Destination' }) },
              { field: 'source_count', name: i18n.translate('migrationAssistant.review.docs', { defaultMessage: 'Documents' }), render: (v: number) => formatNumber(v) },
              { field: 'batch_size', name: i18n.translate('migrationAssistant.review.batch', { defaultMessage: 'Batch size' }) },
            ]}
          />
          <EuiSpacer />
          <EuiTitle size="xs">
            <h3>
              <FormattedMessage id="migrationAssistant.review.requestsTitle" defaultMessage="The requests sent to the destination (secrets masked), for Dev Tools" />
            </h3>
          </EuiTitle>
          <EuiSpacer size="s" />
          {(plan.plan?.requests ?? []).map((request, i) => (
            <EuiCodeBlock key={i} isCopyable language="json" fontSize="s" paddingSize="s" data-test-subj="reviewRequest">
              {request}
            </EuiCodeBlock>
          ))}
          <EuiSpacer />
          <EuiButton fill isLoading={busy} onClick={() => void start()} data-test-subj="startJobButton">
            <FormattedMessage id="migrationAssistant.review.start" defaultMessage="Start migration" />
          </EuiButton>
        </>
      )}
      {phrase && (
        <TypedConfirmModal
          title={i18n.translate('migrationAssistant.review.internalTitle', { defaultMessage: 'Write into internal indices?' })}
          phrase={phrase}
          onCancel={() => setPhrase(undefined)}
          onConfirm={(typed) => {
            setPhrase(undefined);
            void start(typed);
          }}
          cancelButtonText={i18n.translate('migrationAssistant.review.internalCancel', { defaultMessage: 'Go back' })}
          confirmButtonText={i18n.translate('migrationAssistant.review.internalConfirm', { defaultMessage: 'Write into them' })}
          inputTestSubj="internalWriteConfirmInput"
        >
          <EuiText size="s">
            <p>
              <FormattedMessage
                id="migrationAssistant.review.internalBody"
                defaultMessage="Kibana and Elasticsearch security read indices named .kibana* and .security* as their own. Rename them (for example to restored_*) unless you mean to replace what they read."
              />
            </p>
          </EuiText>
        </TypedConfirmModal>
      )}
    </>
  );
};
