/* The app's pages, one route each. */
import React from 'react';
import { Route, Routes } from 'react-router-dom';
import type { ScopedHistory } from '@kbn/core/public';
import { ScopedRouter } from './components/scoped_router';
import { GuidedFlowPage } from './sections/guided_flow/guided_flow_page';
import { HomePage } from './sections/home/home_page';
import { JobDetailsPage } from './sections/job_details/job_details_page';
import { JobsPage } from './sections/jobs/jobs_page';
import { SnapshotsPage } from './sections/snapshots/snapshots_page';
import { VerificationPage } from './sections/verification/verification_page';

export const App = ({ history }: { history: ScopedHistory }) => (
  <ScopedRouter history={history}>
    <Routes>
      <Route path="/" element={<HomePage />} />
      <Route path="/migrate" element={<GuidedFlowPage />} />
      <Route path="/migrate/:step" element={<GuidedFlowPage />} />
      <Route path="/jobs" element={<JobsPage />} />
      <Route path="/jobs/:id" element={<JobDetailsPage />} />
      <Route path="/snapshots" element={<SnapshotsPage />} />
      <Route path="/verifications/:id" element={<VerificationPage />} />
      <Route path="*" element={<HomePage />} />
    </Routes>
  </ScopedRouter>
);
