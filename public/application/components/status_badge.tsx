/*
 * Job and item statuses as EuiHealth indicators: a colored dot beside text in the normal text color,
 * readable in both themes (EUI's filled success badge does not reach WCAG AA contrast).
 */
import React from 'react';
import { EuiHealth } from '@elastic/eui';
import type { ItemStatus, JobStatus } from '../../../common/types/jobs';

const COLORS: Record<JobStatus | ItemStatus, string> = {
  queued: 'subdued',
  preparing: 'primary',
  running: 'primary',
  finalizing: 'primary',
  paused: 'warning',
  completed: 'success',
  failed: 'danger',
  cancelled: 'subdued',
};

export const StatusBadge = ({ status, testSubj }: { status: JobStatus | ItemStatus; testSubj?: string }) => (
  <EuiHealth color={COLORS[status]} data-test-subj={testSubj}>
    {status}
  </EuiHealth>
);
