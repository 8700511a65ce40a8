/* The plugin's configuration (`migrationAssistant.*` in kibana.yml), declared the only way Kibana accepts. */
import { schema, TypeOf } from '@kbn/config-schema';
import { DEFAULT_POLL_INTERVAL_MS, MAX_CONCURRENCY } from '../common/constants';
import { MIN_KEY_LENGTH } from './lib/sources/secrets';

export const configSchema = schema.object({
  /** Encrypts source passwords and API keys at rest; without it they stay in memory only. */
  encryptionKey: schema.maybe(schema.string({ minLength: MIN_KEY_LENGTH })),
  sources: schema.object({
    /**
     * host:port patterns (matched like reindex.remote.whitelist) that a saved source may point at. The
     * default allows nothing but loopback: the Kibana server connects to these hosts itself, so an
     * administrator chooses which ones (no server-side request forgery into the internal network).
     */
    allowedHosts: schema.arrayOf(schema.string(), { defaultValue: ['localhost:*', '127.0.0.1:*', '[::1]:*'] }),
  }),
  /** How often the runner polls Elasticsearch tasks. */
  pollIntervalMs: schema.number({ defaultValue: DEFAULT_POLL_INTERVAL_MS, min: 250, max: 60_000 }),
  /** Items a job copies at once unless the user says; absent: two per processor of the destination's data nodes. */
  defaultConcurrency: schema.maybe(schema.number({ min: 1, max: MAX_CONCURRENCY })),
});

export type MigrationAssistantConfig = TypeOf<typeof configSchema>;
