import { config } from '.';
import { DEFAULT_POLL_INTERVAL_MS } from '../common/constants';

type Validate = (value: unknown, context: object, namespace: string) => Record<string, unknown>;
const validate = (value: unknown) => (config.schema as unknown as { validate: Validate }).validate(value, {}, 'migrationAssistant');

describe('migrationAssistant.* config', () => {
  it('has defaults that keep secrets in memory, sources on loopback and concurrency to the destination', () => {
    expect(validate({})).toEqual({
      encryptionKey: undefined,
      sources: { allowedHosts: ['localhost:*', '127.0.0.1:*', '[::1]:*'] },
      pollIntervalMs: DEFAULT_POLL_INTERVAL_MS,
      // Absent: each job takes it from the destination's processors.
      defaultConcurrency: undefined,
    });
  });

  it('takes what an administrator sets in kibana.yml', () => {
    const key = 'k'.repeat(32);
    expect(validate({ encryptionKey: key, sources: { allowedHosts: ['old-cluster:9200'] }, pollIntervalMs: 5000, defaultConcurrency: 2 })).toEqual({
      encryptionKey: key,
      sources: { allowedHosts: ['old-cluster:9200'] },
      pollIntervalMs: 5000,
      defaultConcurrency: 2,
    });
  });

  it('refuses a short encryption key, an unknown setting and a poll interval out of range, naming the setting', () => {
    expect(() => validate({ encryptionKey: 'short' })).toThrow('[migrationAssistant.encryptionKey]');
    expect(() => validate({ encryptionkey: 'k'.repeat(32) })).toThrow('[migrationAssistant.encryptionkey]: definition for this key is missing');
    expect(() => validate({ pollIntervalMs: 1 })).toThrow('[migrationAssistant.pollIntervalMs]');
  });
});
