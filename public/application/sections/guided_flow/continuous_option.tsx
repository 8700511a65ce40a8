/*
 * The options step's continuous mode (issue 16): keep the destination in step with a source that keeps
 * taking writes, by a change field, until the user cuts over. The preflight then checks the field on every
 * selected index (mapped as a date or number, set on every document) and says what the mode cannot see.
 */
import React from 'react';
import { EuiFieldNumber, EuiFieldText, EuiFormRow, EuiSwitch } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { continuousOptions, DEFAULT_SAFETY_MARGIN_SECONDS } from '../../../../common/lib/continuous';
import type { ContinuousOptions } from '../../../../common/types/jobs';

/** The usual change field of append-only data; updated documents more often have an updated_at. */
const SUGGESTED_FIELD = '@timestamp';

export const ContinuousOption = ({ value, onChange }: { value?: ContinuousOptions; onChange: (next: ContinuousOptions | undefined) => void }) => {
  const fieldMissing = value !== undefined && !value.change_field?.trim();
  return (
    <>
      <EuiFormRow
        helpText={i18n.translate('migrationAssistant.options.continuousHelp', {
          defaultMessage: 'The source keeps taking writes: after the full copy, passes copy what changed until you cut over (a short read-only window, verified, that can be rolled back).',
        })}
      >
        <EuiSwitch
          label={i18n.translate('migrationAssistant.options.continuous', { defaultMessage: 'Keep the destination in step until I cut over (continuous)' })}
          checked={value !== undefined}
          onChange={(e) => onChange(e.target.checked ? continuousOptions({ change_field: SUGGESTED_FIELD }) : undefined)}
          data-test-subj="continuousSwitch"
        />
      </EuiFormRow>
      {value && (
        <>
          <EuiFormRow
            label={i18n.translate('migrationAssistant.options.changeField', { defaultMessage: 'Change field' })}
            helpText={i18n.translate('migrationAssistant.options.changeFieldHelp', {
              defaultMessage: 'A date or numeric field every write sets to a growing value: @timestamp for append-only data, updated_at for updated documents. The preflight checks it on every index.',
            })}
            isInvalid={fieldMissing}
            error={fieldMissing ? i18n.translate('migrationAssistant.options.changeFieldError', { defaultMessage: 'Name the field' }) : undefined}
          >
            <EuiFieldText value={value.change_field ?? ''} isInvalid={fieldMissing} onChange={(e) => onChange({ ...value, change_field: e.target.value })} data-test-subj="changeFieldInput" />
          </EuiFormRow>
          <EuiFormRow
            label={i18n.translate('migrationAssistant.options.safetyMargin', { defaultMessage: 'Safety margin (seconds)' })}
            helpText={i18n.translate('migrationAssistant.options.safetyMarginHelp', {
              defaultMessage: "Each pass also copies what changed this long before the previous pass started: it covers writers' clock skew and refresh delays.",
            })}
          >
            <EuiFieldNumber
              min={0}
              value={value.safety_margin_seconds}
              onChange={(e) => onChange({ ...value, safety_margin_seconds: e.target.value === '' ? DEFAULT_SAFETY_MARGIN_SECONDS : Number(e.target.value) })}
              data-test-subj="safetyMarginInput"
            />
          </EuiFormRow>
        </>
      )}
    </>
  );
};
