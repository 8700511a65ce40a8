import type { StateIndex } from '../job_record/state_index';
import { isMigrationError, MigrationError } from '../migration_error';
import { createSecretVault } from './secrets';
import { SourceService } from './source_service';

/** The state index as a map: enough for the source service's get/put/search/delete. */
const memoryState = () => {
  const docs = new Map<string, unknown>();
  const state = {
    docs,
    get: async (type: string, id: string) => (docs.has(`${type}:${id}`) ? { value: docs.get(`${type}:${id}`), seq_no: 0, primary_term: 1, meta: {} } : undefined),
    put: async (type: string, id: string, value: unknown) => void docs.set(`${type}:${id}`, value),
    search: async () => ({ total: docs.size, docs: [...docs.values()].map((value) => ({ value })) }),
    delete: async (type: string, id: string) => docs.delete(`${type}:${id}`),
  };
  return state as unknown as StateIndex & { docs: Map<string, unknown> };
};

const caught = async (promise: Promise<unknown>): Promise<MigrationError> => {
  try {
    await promise;
  } catch (error) {
    if (isMigrationError(error)) return error;
    throw error;
  }
  throw new Error('expected a MigrationError');
};

describe('SourceService and the allow-list', () => {
  const vault = createSecretVault('source-service-test-key-0123456789abcdef');

  it('saves the normalized URL that was checked, and refuses what a parser could read two ways with a 400 on host', async () => {
    const state = memoryState();
    const service = new SourceService({ state, vault, allowedHosts: ['*.example.com:*'] });
    const saved = await service.create({ name: 's', host: 'HTTPS://Source.Example.COM.:9200/', auth: { type: 'none' } });
    expect(saved.host).toBe('https://source.example.com:9200');
    for (const host of ['http://169.254.169.254\\.example.com:9200', 'http://a@b.example.com:9200', 'http://b.example.com:9200?x']) {
      const error = await caught(service.create({ name: 's', host, auth: { type: 'none' } }));
      expect(error).toMatchObject({ statusCode: 400, code: 'validation_failed', details: { field: 'host' } });
      expect(error.message).toMatch(/^\[host\]: must be of the form scheme:\/\/host:port/);
    }
    const outside = await caught(service.create({ name: 's', host: 'http://169.254.169.254:9200', auth: { type: 'none' } }));
    expect(outside).toMatchObject({ statusCode: 400, code: 'source_host_not_allowed', details: { field: 'host' } });
  });

  it('checks the allow-list again on every connection: a narrowed setting cuts a saved source off, naming the setting', async () => {
    const state = memoryState();
    const wide = new SourceService({ state, vault, allowedHosts: ['*.example.com:*'] });
    const saved = await wide.create({ name: 'old', host: 'http://old.example.com:9200', auth: { type: 'none' } });
    expect((await wide.connection(saved.id)).host).toBe('http://old.example.com:9200');

    const narrowed = new SourceService({ state, vault, allowedHosts: ['new.example.com:*'] });
    for (const connect of [() => narrowed.connection(saved.id), () => narrowed.client(saved.id), () => narrowed.info(saved.id)]) {
      const error = await caught(connect());
      expect(error).toMatchObject({ statusCode: 409, code: 'source_not_allow_listed', details: { field: 'host' } });
      expect(error.message).toContain('old.example.com:9200');
      expect(error.attributes.remedy).toContain('migrationAssistant.sources.allowedHosts');
    }
  });

  it('cuts off a source saved before URLs were parsed strictly (a backslash host), and connects to the normalized URL', async () => {
    const state = memoryState();
    const service = new SourceService({ state, vault, allowedHosts: ['*.example.com:*', '127.0.0.1:*'] });
    state.docs.set('source:legacy', { id: 'legacy', name: 'legacy', host: 'http://169.254.169.254\\.example.com:9200', auth: { type: 'none' }, has_secret: false });
    const error = await caught(service.client('legacy'));
    expect(error).toMatchObject({ statusCode: 409, code: 'source_not_allow_listed' });
    expect(error.message).toContain('backslash');
    state.docs.set('source:upper', { id: 'upper', name: 'upper', host: 'http://127.0.0.1:19200/', auth: { type: 'none' }, has_secret: false });
    expect((await service.connection('upper')).host).toBe('http://127.0.0.1:19200');
  });
});
