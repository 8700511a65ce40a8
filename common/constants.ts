/* Identifiers shared by the server, the browser app and the tests. */

export const PLUGIN_ID = 'migrationAssistant';
export const APP_ID = 'migration_assistant';
export const API_BASE_PATH = '/api/migration_assistant';
/** Public routes are versioned by date (Kibana's convention); sent as the `elastic-api-version` header. */
export const API_VERSION = '2023-10-31';

/** Hidden index in the destination holding job records and saved sources. */
export const STATE_INDEX = '.kibana-migration-assistant';

export const DEFAULT_CONCURRENCY = 3;
export const MAX_CONCURRENCY = 32;
export const DEFAULT_POLL_INTERVAL_MS = 2_000;

