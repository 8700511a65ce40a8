/* "Learn more" links to Elastic's documentation, opened in a new tab. */
import React from 'react';
import { EuiLink } from '@elastic/eui';
import { FormattedMessage } from '@kbn/i18n-react';

export const DocLink = ({ href, children, testSubj }: { href: string; children?: React.ReactNode; testSubj?: string }) => (
  <EuiLink href={href} target="_blank" external data-test-subj={testSubj ?? 'docLink'}>
    {children ?? <FormattedMessage id="migrationAssistant.docLink.learnMore" defaultMessage="Learn more" />}
  </EuiLink>
);
