/* Kibana's own saved-object types, which say nothing about the user's objects (shared by the selection and the verification). */

/** Bookkeeping types that change on their own and say nothing about whether the user's objects arrived. */
export const KIBANA_BOOKKEEPING_TYPES: ReadonlySet<string> = new Set([
  'task',
  'config',
  'config-global',
  'ui-metric',
  'usage-counters',
  'usage-counter',
  'telemetry',
  'core-usage-stats',
  'event_loop_delays_daily',
  'application_usage_daily',
  'application_usage_totals',
  'application_usage_transactional',
  'upgrade-assistant-reindex-operation',
  'upgrade-assistant-ml-upgrade-operation',
]);
