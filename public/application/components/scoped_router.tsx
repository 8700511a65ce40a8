/*
 * react-router 6 driven by the ScopedHistory Stack Management hands the app, so every URL of the app
 * lives under /app/management/data/migration_assistant and back/forward work as in Kibana.
 */
import React, { ReactNode, useLayoutEffect, useState } from 'react';
import { Router } from 'react-router-dom';
import type { ScopedHistory } from '@kbn/core/public';

export const ScopedRouter = ({ history, children }: { history: ScopedHistory; children: ReactNode }) => {
  const [location, setLocation] = useState(history.location);
  useLayoutEffect(() => history.listen((next) => setLocation(next)), [history]);
  return (
    <Router location={location} navigator={history}>
      {children}
    </Router>
  );
};
