/* Job and item statuses as badges. */
import React from 'react';
import { EuiBadge } from '@elastic/eui';
import type { ItemStatus, JobStatus } from '../../../common/types/jobs';

const COLORS: Record<JobStatus | ItemStatus, string> = {
  queued: 'hollow',
  preparing: 'primary',
  running: 'primary',
  finalizing: 'primary',
  paused: 'warning',
  completed: 'success',
  failed: 'danger',
  cancelled: 'default',
};

export const StatusBadge = ({ status, testSubj }: { status: JobStatus | ItemStatus; testSubj?: string }) => (
  <EuiBadge color={COLORS[status]} data-test-subj={testSubj}>
    {status}
  </EuiBadge>
);
