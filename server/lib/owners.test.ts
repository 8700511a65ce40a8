/* Owners as Elasticsearch authenticates the caller; the bodies are the real nodes' (7.17, 8.14, secured 7.17). */
import Mock from '@elastic/elasticsearch-mock';
import { Client, errors } from '@elastic/elasticsearch';
import { currentOwner, describeOwner, sameOwner } from './owners';

const esError = (statusCode: number, body: unknown) => new errors.ResponseError({ body, statusCode, headers: {}, warnings: null, meta: {} as never });

const clientAnswering = (answer: () => unknown) => {
  const mock = new Mock();
  let calls = 0;
  mock.add({ method: 'GET', path: '/_security/_authenticate' }, () => {
    calls += 1;
    return answer() as never;
  });
  return { client: new Client({ node: 'http://localhost:9200', Connection: mock.getConnection() }), calls: () => calls };
};

describe('owners', () => {
  it('names the authenticated user and realm, asking once per client', async () => {
    const { client, calls } = clientAnswering(() => ({
      username: 'ma_admin',
      roles: ['migration_admin'],
      full_name: null,
      email: null,
      metadata: {},
      enabled: true,
      authentication_realm: { name: 'file1', type: 'file' },
      lookup_realm: { name: 'file1', type: 'file' },
      authentication_type: 'realm',
    }));
    expect(await currentOwner(client)).toEqual({ username: 'ma_admin', realm: 'file1' });
    expect(await currentOwner(client)).toEqual({ username: 'ma_admin', realm: 'file1' });
    expect(calls()).toBe(1);
  });

  it.each([
    ['7.17 without security', 405, { error: 'Incorrect HTTP method for uri [/_security/_authenticate] and method [GET], allowed: [POST]', status: 405 }],
    ['8.14 without security', 400, { error: 'no handler found for uri [/_security/_authenticate] and method [GET]' }],
  ])('names nobody on %s', async (_label, status, body) => {
    const { client } = clientAnswering(() => esError(status, body));
    expect(await currentOwner(client)).toBeUndefined();
  });

  it('passes any other failure on', async () => {
    const { client } = clientAnswering(() => esError(401, { error: { type: 'security_exception', reason: 'unable to authenticate user [x] for REST request [/_security/_authenticate]' }, status: 401 }));
    await expect(currentOwner(client)).rejects.toMatchObject({ statusCode: 401 });
  });

  it('compares user and realm', () => {
    expect(sameOwner({ username: 'a', realm: 'file1' }, { username: 'a', realm: 'file1' })).toBe(true);
    expect(sameOwner({ username: 'a', realm: 'file1' }, { username: 'a', realm: 'ldap' })).toBe(false);
    expect(sameOwner({ username: 'a' }, { username: 'b' })).toBe(false);
    expect(describeOwner({ username: 'a', realm: 'file1' })).toBe('a (file1)');
  });
});
