/* An Elasticsearch or plugin error: what happened, the exact remedy, and a retry. */
import React from 'react';
import { EuiButton, EuiCallOut, EuiCodeBlock, EuiSpacer } from '@elastic/eui';
import { FormattedMessage } from '@kbn/i18n-react';
import type { ApiError } from '../services/api';

export const ErrorCallout = ({ title, error, onRetry }: { title: string; error: ApiError; onRetry?: () => void }) => (
  <EuiCallOut title={title} color="danger" iconType="error" data-test-subj="errorCallout">
    <p>{error.message}</p>
    {error.attributes?.remedy && (
      <>
        <p>
          <strong>
            <FormattedMessage id="migrationAssistant.errorCallout.remedyLabel" defaultMessage="How to fix it" />
          </strong>
        </p>
        <EuiCodeBlock isCopyable paddingSize="s" fontSize="s" language="yaml" data-test-subj="errorRemedy">
          {error.attributes.remedy}
        </EuiCodeBlock>
      </>
    )}
    {onRetry && (
      <>
        <EuiSpacer size="s" />
        <EuiButton color="danger" size="s" onClick={onRetry} data-test-subj="errorRetryButton">
          <FormattedMessage id="migrationAssistant.errorCallout.retryButton" defaultMessage="Try again" />
        </EuiButton>
      </>
    )}
  </EuiCallOut>
);
