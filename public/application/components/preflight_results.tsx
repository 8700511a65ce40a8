/* Preflight checks as panels: status, what was found, the exact fix to copy, and where to read more. */
import React from 'react';
import { EuiCodeBlock, EuiFlexGroup, EuiFlexItem, EuiHealth, EuiPanel, EuiText, EuiTitle } from '@elastic/eui';
import type { CheckStatus, PreflightResponse } from '../../../common/types/preflight';
import { useDocumentationLinks } from '../app_context';
import { preflightDocLink } from '../services/doc_links';
import { DocLink } from './doc_link';

const CHECK_COLORS: Record<CheckStatus, string> = { pass: 'success', warning: 'warning', fail: 'danger', skipped: 'subdued' };

export const PreflightResults = ({ result }: { result: PreflightResponse }) => {
  const links = useDocumentationLinks();
  return (
    <div data-test-subj="preflightResults" data-status={result.status}>
      {result.checks.map((check) => (
        <EuiPanel key={check.id} hasBorder paddingSize="m" data-test-subj={`preflightCheck-${check.id}`} data-status={check.status} style={{ marginBottom: 8 }}>
          <EuiFlexGroup alignItems="center" gutterSize="s">
            <EuiFlexItem grow={false}>
              <EuiHealth color={CHECK_COLORS[check.status]}>{check.status}</EuiHealth>
            </EuiFlexItem>
            <EuiFlexItem>
              <EuiTitle size="xxs">
                <h4>{check.title}</h4>
              </EuiTitle>
            </EuiFlexItem>
          </EuiFlexGroup>
          <EuiText size="s">
            <p>{check.message}</p>
          </EuiText>
          {check.remedy && (
            <EuiCodeBlock isCopyable paddingSize="s" fontSize="s" data-test-subj="preflightRemedy">
              {check.remedy}
            </EuiCodeBlock>
          )}
          {check.status !== 'pass' && preflightDocLink(links, check.id) && <DocLink href={preflightDocLink(links, check.id) ?? ''} />}
        </EuiPanel>
      ))}
    </div>
  );
};
