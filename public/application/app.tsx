/* The app's pages, one route each. */
import React from 'react';
import { Route, Routes } from 'react-router-dom';
import type { ScopedHistory } from '@kbn/core/public';
import { ScopedRouter } from './components/scoped_router';
import { HomePage } from './sections/home/home_page';

export const App = ({ history }: { history: ScopedHistory }) => (
  <ScopedRouter history={history}>
    <Routes>
      <Route path="/" element={<HomePage />} />
      <Route path="*" element={<HomePage />} />
    </Routes>
  </ScopedRouter>
);
