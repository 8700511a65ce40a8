import { Client, errors } from '@elastic/elasticsearch';
import Mock from '@elastic/elasticsearch-mock';
import { repositoryInputSchema } from '../../../common/schemas/snapshots';
import { redactSettings, registerRepository } from './repositories';

describe('repository settings', () => {
  it('never echoes secret settings', () => {
    expect(redactSettings({ bucket: 'b', access_key: 'AKIA', secret_key: 's', client: 'default', sas_token: 't', location: '/x' })).toEqual({
      bucket: 'b',
      access_key: '<redacted>',
      secret_key: '<redacted>',
      client: 'default',
      sas_token: '<redacted>',
      location: '/x',
    });
  });
});

describe('Elasticsearch errors for a bad repository field (recorded 8.14 responses)', () => {
  const failingWith = (status: number, type: string, reason: string) => {
    const mock = new Mock();
    mock.add({ method: 'PUT', path: '/_snapshot/:name' }, () => new errors.ResponseError({
      body: { error: { root_cause: [{ type, reason }], type, reason }, status },
      statusCode: status,
      headers: {},
      warnings: null,
      meta: {} as never,
    }));
    return new Client({ node: 'http://localhost:9200', Connection: mock.getConnection() });
  };

  it('answers the 500 of a missing setting with a 400 naming settings.<field>', async () => {
    await expect(registerRepository(failingWith(500, 'repository_exception', '[backups] missing location'), 'backups', { type: 'fs', settings: {} })).rejects.toMatchObject({
      statusCode: 400,
      message: '[settings.location]: [backups] missing location',
      attributes: { code: 'validation_failed', field: 'settings.location', es_error: { type: 'repository_exception' } },
    });
  });

  it('names the setting an illegal argument is about, or settings when it names none', async () => {
    const invalid = failingWith(500, 'illegal_argument_exception', 'failed to parse value [often] for setting [compress]');
    await expect(registerRepository(invalid, 'backups', { type: 'fs', settings: { location: '/x', compress: 'often' } })).rejects.toMatchObject({
      statusCode: 400,
      attributes: { field: 'settings.compress' },
    });
    const vague = failingWith(500, 'repository_exception', '[backups] could not be created');
    await expect(registerRepository(vague, 'backups', { type: 'fs', settings: { location: '/x' } })).rejects.toMatchObject({ statusCode: 400, attributes: { field: 'settings' } });
  });
});

describe('repository request schema', () => {
  it('accepts only the repository types Elasticsearch knows, naming type', () => {
    const parsed = repositoryInputSchema.safeParse({ type: 'nfs', settings: {} });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['type'], message: expect.stringContaining('fs, url, s3, gcs, azure, hdfs, source') });
    expect(repositoryInputSchema.safeParse({ type: 'fs', settings: { location: '/x' } }).success).toBe(true);
  });
});
