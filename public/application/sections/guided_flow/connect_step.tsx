/* Step 1: connect the source — a saved one, or a new one with inline validation and "Test connection". */
import React, { useState } from 'react';
import {
  EuiButton,
  EuiCallOut,
  EuiFieldPassword,
  EuiFieldText,
  EuiForm,
  EuiFormRow,
  EuiSelect,
  EuiSpacer,
  EuiTextArea,
  EuiTitle,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import { parseHostUrl } from '../../../../common/lib/allowlist';
import type { SourceAuthInput, SourceInfo, SourceInput } from '../../../../common/types/sources';
import { useAppServices, useDocumentationLinks } from '../../app_context';
import { ErrorCallout } from '../../components/error_callout';
import { useRequest } from '../../components/use_request';
import { ApiError, toApiError } from '../../services/api';
import { DocLink } from '../../components/doc_link';

type AuthType = SourceAuthInput['type'];

export interface ConnectForm {
  name: string;
  host: string;
  authType: AuthType;
  username: string;
  password: string;
  apiKey: string;
  ca: string;
}

/** Inline validation: one message per field, shown once the user has typed or tried to save. */
export const validateConnectForm = (form: ConnectForm): Partial<Record<keyof ConnectForm, string>> => {
  const errors: Partial<Record<keyof ConnectForm, string>> = {};
  if (!form.name.trim()) errors.name = i18n.translate('migrationAssistant.connect.nameRequired', { defaultMessage: 'Give the source a name.' });
  if (!parseHostUrl(form.host)) {
    errors.host = i18n.translate('migrationAssistant.connect.hostInvalid', {
      defaultMessage: 'Use scheme://host:port, with the port (for example https://source.example.com:9243).',
    });
  }
  if (form.authType === 'basic' && !form.username.trim()) errors.username = i18n.translate('migrationAssistant.connect.usernameRequired', { defaultMessage: 'Enter the user name.' });
  if (form.authType === 'basic' && !form.password) errors.password = i18n.translate('migrationAssistant.connect.passwordRequired', { defaultMessage: 'Enter the password.' });
  if (form.authType === 'api_key' && !form.apiKey.trim()) errors.apiKey = i18n.translate('migrationAssistant.connect.apiKeyRequired', { defaultMessage: 'Enter the API key (base64 of id:key).' });
  if (form.ca.trim() && !form.ca.includes('-----BEGIN CERTIFICATE-----')) {
    errors.ca = i18n.translate('migrationAssistant.connect.caInvalid', { defaultMessage: 'Paste a PEM certificate (-----BEGIN CERTIFICATE----- ...).' });
  }
  return errors;
};

const toInput = (form: ConnectForm): SourceInput => ({
  name: form.name.trim(),
  host: form.host.trim(),
  auth:
    form.authType === 'basic'
      ? { type: 'basic', username: form.username.trim(), password: form.password }
      : form.authType === 'api_key'
        ? { type: 'api_key', api_key: form.apiKey.trim() }
        : { type: 'none' },
  ...(form.ca.trim() ? { ca_certificate: form.ca.trim() } : {}),
});

export const ConnectStep = ({ onConnected }: { onConnected: (source: { id: string; name: string }) => void }) => {
  const { api } = useAppServices();
  const links = useDocumentationLinks();
  const saved = useRequest(() => api.listSources(), [api]);
  const [form, setForm] = useState<ConnectForm>({ name: '', host: '', authType: 'basic', username: '', password: '', apiKey: '', ca: '' });
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [info, setInfo] = useState<SourceInfo>();
  const [sourceId, setSourceId] = useState<string>();
  const errors = touched ? validateConnectForm(form) : {};
  const set = (patch: Partial<ConnectForm>) => {
    setForm({ ...form, ...patch });
    setSourceId(undefined);
    setInfo(undefined);
  };

  const testConnection = async () => {
    setTouched(true);
    if (Object.keys(validateConnectForm(form)).length > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const id = sourceId ?? (await api.createSource(toInput(form))).id;
      setSourceId(id);
      setInfo(await api.getSourceInfo(id));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {(saved.data?.sources.length ?? 0) > 0 && (
        <>
          <EuiFormRow label={i18n.translate('migrationAssistant.connect.savedLabel', { defaultMessage: 'Use a saved source' })}>
            <EuiSelect
              hasNoInitialSelection
              data-test-subj="savedSourceSelect"
              options={(saved.data?.sources ?? []).map((source) => ({ value: source.id, text: `${source.name} (${source.host})` }))}
              onChange={(e) => {
                const source = saved.data?.sources.find((s) => s.id === e.target.value);
                if (source) onConnected({ id: source.id, name: source.name });
              }}
            />
          </EuiFormRow>
          <EuiSpacer />
          <EuiTitle size="xs">
            <h3>
              <FormattedMessage id="migrationAssistant.connect.newTitle" defaultMessage="Or connect a new source" />
            </h3>
          </EuiTitle>
          <EuiSpacer size="s" />
        </>
      )}
      {saved.data && !saved.data.encryption_configured && (
        <>
          <EuiCallOut size="s" iconType="iInCircle" title={i18n.translate('migrationAssistant.connect.noEncryption', { defaultMessage: 'Passwords are kept in memory only: after a Kibana restart you will be asked again. Set migrationAssistant.encryptionKey to keep them, encrypted.' })} />
          <EuiSpacer size="s" />
        </>
      )}
      <EuiForm component="form" onSubmit={(e) => { e.preventDefault(); void testConnection(); }}>
        <EuiFormRow label={i18n.translate('migrationAssistant.connect.nameLabel', { defaultMessage: 'Name' })} isInvalid={!!errors.name} error={errors.name}>
          <EuiFieldText value={form.name} onChange={(e) => set({ name: e.target.value })} isInvalid={!!errors.name} data-test-subj="sourceNameInput" />
        </EuiFormRow>
        <EuiFormRow
          label={i18n.translate('migrationAssistant.connect.hostLabel', { defaultMessage: 'Host' })}
          helpText={i18n.translate('migrationAssistant.connect.hostHelp', { defaultMessage: 'The address the destination cluster uses to reach the source, with its port.' })}
          isInvalid={!!errors.host}
          error={errors.host}
        >
          <EuiFieldText value={form.host} placeholder="https://source.example.com:9200" onChange={(e) => set({ host: e.target.value })} isInvalid={!!errors.host} data-test-subj="sourceHostInput" />
        </EuiFormRow>
        <EuiFormRow label={i18n.translate('migrationAssistant.connect.authLabel', { defaultMessage: 'Authentication' })}>
          <EuiSelect
            value={form.authType}
            onChange={(e) => set({ authType: e.target.value as AuthType })}
            data-test-subj="sourceAuthSelect"
            options={[
              { value: 'basic', text: i18n.translate('migrationAssistant.connect.authBasic', { defaultMessage: 'User name and password' }) },
              { value: 'api_key', text: i18n.translate('migrationAssistant.connect.authApiKey', { defaultMessage: 'API key' }) },
              { value: 'none', text: i18n.translate('migrationAssistant.connect.authNone', { defaultMessage: 'None (security disabled on the source)' }) },
            ]}
          />
        </EuiFormRow>
        {form.authType === 'basic' && (
          <>
            <EuiFormRow label={i18n.translate('migrationAssistant.connect.usernameLabel', { defaultMessage: 'User name' })} isInvalid={!!errors.username} error={errors.username}>
              <EuiFieldText value={form.username} onChange={(e) => set({ username: e.target.value })} isInvalid={!!errors.username} data-test-subj="sourceUsernameInput" />
            </EuiFormRow>
            <EuiFormRow label={i18n.translate('migrationAssistant.connect.passwordLabel', { defaultMessage: 'Password' })} isInvalid={!!errors.password} error={errors.password}>
              <EuiFieldPassword type="dual" value={form.password} onChange={(e) => set({ password: e.target.value })} isInvalid={!!errors.password} data-test-subj="sourcePasswordInput" />
            </EuiFormRow>
          </>
        )}
        {form.authType === 'api_key' && (
          <EuiFormRow label={i18n.translate('migrationAssistant.connect.apiKeyLabel', { defaultMessage: 'API key' })} isInvalid={!!errors.apiKey} error={errors.apiKey}>
            <EuiFieldPassword type="dual" value={form.apiKey} onChange={(e) => set({ apiKey: e.target.value })} isInvalid={!!errors.apiKey} data-test-subj="sourceApiKeyInput" />
          </EuiFormRow>
        )}
        <EuiFormRow
          label={i18n.translate('migrationAssistant.connect.caLabel', { defaultMessage: 'CA certificate (optional)' })}
          helpText={
            <>
              {i18n.translate('migrationAssistant.connect.caHelp', { defaultMessage: 'For a source with a self-signed certificate: the PEM of its CA, trusted by the Kibana server for its own connection.' })}{' '}
              <DocLink href={links.reindexSsl} />
            </>
          }
          isInvalid={!!errors.ca}
          error={errors.ca}
        >
          <EuiTextArea value={form.ca} rows={3} onChange={(e) => set({ ca: e.target.value })} isInvalid={!!errors.ca} data-test-subj="sourceCaInput" />
        </EuiFormRow>
        <EuiSpacer />
        <EuiButton type="submit" isLoading={busy} data-test-subj="testConnectionButton">
          <FormattedMessage id="migrationAssistant.connect.testButton" defaultMessage="Test connection" />
        </EuiButton>
      </EuiForm>
      <EuiSpacer />
      {error && <ErrorCallout title={i18n.translate('migrationAssistant.connect.errorTitle', { defaultMessage: 'The source did not answer as expected' })} error={error} />}
      {info && sourceId && (
        <EuiCallOut color="success" iconType="check" data-test-subj="connectionSuccess" title={i18n.translate('migrationAssistant.connect.success', { defaultMessage: 'Connected to {cluster} (Elasticsearch {version})', values: { cluster: info.cluster_name, version: info.version } })}>
          <EuiButton onClick={() => onConnected({ id: sourceId, name: form.name })} data-test-subj="connectNextButton">
            <FormattedMessage id="migrationAssistant.connect.next" defaultMessage="Continue: select data" />
          </EuiButton>
        </EuiCallOut>
      )}
    </>
  );
};
