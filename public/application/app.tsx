/*
 * The app's pages, one route each. Kibana shares react-router-dom v5 with plugins
 * (`__kbnSharedDeps__.ReactRouterDom`), so the app uses v5's API, as Snapshot and Restore does: the
 * Router is driven by the ScopedHistory Stack Management hands the app, so every URL lives under
 * /app/management/data/migration_assistant and back/forward work as in Kibana.
 */
import React from 'react';
import { Route, Router, Switch } from 'react-router-dom';
import type { ScopedHistory } from '@kbn/core/public';
import { GuidedFlowPage } from './sections/guided_flow/guided_flow_page';
import { HomePage } from './sections/home/home_page';
import { JobDetailsPage } from './sections/job_details/job_details_page';
import { JobsPage } from './sections/jobs/jobs_page';
import { SavedObjectsPage } from './sections/saved_objects/saved_objects_page';
import { SnapshotsPage } from './sections/snapshots/snapshots_page';
import { VerificationPage } from './sections/verification/verification_page';

export const App = ({ history }: { history: ScopedHistory }) => (
  <Router history={history}>
    <Switch>
      <Route exact path="/" component={HomePage} />
      <Route exact path={['/migrate', '/migrate/:step']} component={GuidedFlowPage} />
      <Route exact path="/jobs" component={JobsPage} />
      <Route exact path="/jobs/:id" component={JobDetailsPage} />
      <Route exact path="/snapshots" component={SnapshotsPage} />
      <Route exact path="/saved_objects" component={SavedObjectsPage} />
      <Route exact path="/verifications/:id" component={VerificationPage} />
      <Route component={HomePage} />
    </Switch>
  </Router>
);
