/*
 * The secured node of the test bed (`secured_destination`, Elasticsearch 7.17.9 with security on and
 * file-realm users), against the real node: who authenticates, with which roles, what each may do, and a
 * reindex from the open source node as an administrator and as a monitoring user.
 */
import { testBedNodes } from '../../../dev/es/testbed_config';
import { testBedInfo, TestBedInfo } from '../../../dev/es/testbed';
import {
  FILE_REALM_NAME,
  READ_SECURITY_ACTIONS_7_17,
  SecuredUsername,
  SECURED_USERNAMES,
  basicAuthorization,
  securedUser,
} from '../../../dev/es/secured_users';
import { EsResponse, esRequest, uniqueName } from '../helpers/es_http';

const nodes = testBedNodes();
const STATE_INDEX = '.kibana-migration-assistant';
let info: TestBedInfo;

beforeAll(async () => {
  info = await testBedInfo();
});

/** A request to the secured node as `username` (anonymous without one, or with `password` instead of its own). */
const securedRequest = async (
  username: SecuredUsername | undefined,
  method: string,
  path: string,
  body?: unknown,
  password?: string
): Promise<EsResponse> =>
  esRequest(
    nodes.secured_destination.url,
    method,
    path,
    body,
    username ? basicAuthorization({ username, password: password ?? securedUser(username).password }) : undefined
  );

const errorType = (response: EsResponse): string | undefined =>
  (response.body as { error?: { type?: string } } | undefined)?.error?.type;

const count = async (url: string, index: string, username?: SecuredUsername): Promise<number> => {
  const response = username
    ? await securedRequest(username, 'GET', `/${index}/_count`)
    : { body: await (await fetch(`${url}/${index}/_count`)).json() };
  return (response.body as { count: number }).count;
};

const reindexStores = (username: SecuredUsername, dest: string) =>
  securedRequest(username, 'POST', '/_reindex?wait_for_completion=true&refresh=true', {
    source: { remote: { host: nodes.source.url }, index: 'stores' },
    dest: { index: dest },
  });

describe('the secured destination', () => {
  it('runs Elasticsearch 7.17 on its own port, and testBedInfo names its users with their roles', () => {
    expect(info.secured_destination.url).toBe(nodes.secured_destination.url);
    expect(nodes.secured_destination.httpPort).toBe(Number(process.env.MA_TESTBED_SECURED_DESTINATION_PORT ?? 19203));
    expect(info.secured_destination.version).toMatch(/^7\.17\./);
    expect(info.secured_destination.users.map((user) => [user.username, user.roles])).toEqual([
      ['ma_superuser', ['superuser']],
      ['ma_admin', ['migration_admin']],
      ['ma_admin2', ['migration_admin']],
      ['ma_monitor', ['migration_monitor']],
      ['ma_nobody', ['no_privileges']],
      ['ma_security_viewer', ['migration_security_viewer']],
    ]);
    // Generated, distinct, and the same as the module hands out.
    const passwords = info.secured_destination.users.map((user) => user.password);
    expect(new Set(passwords).size).toBe(passwords.length);
    for (const user of info.secured_destination.users) {
      expect(user.password.length).toBeGreaterThanOrEqual(20);
      expect(securedUser(user.username).password).toBe(user.password);
    }
  });

  it('has security on: an anonymous request and a wrong password get 401', async () => {
    for (const path of ['/', '/_cluster/health', '/_security/_authenticate']) {
      const anonymous = await securedRequest(undefined, 'GET', path);
      expect([path, anonymous.status]).toEqual([path, 401]);
      expect(errorType(anonymous)).toBe('security_exception');
    }
    const wrong = await securedRequest('ma_admin', 'GET', '/_security/_authenticate', undefined, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(errorType(wrong)).toBe('security_exception');
  });

  it.each(SECURED_USERNAMES)('authenticates %s from the file realm with its roles', async (username) => {
    const response = await securedRequest(username, 'GET', '/_security/_authenticate');
    expect(response.status).toBe(200);
    const body = response.body as { username: string; roles: string[]; authentication_realm: { name: string; type: string } };
    expect(body.username).toBe(username);
    expect(body.authentication_realm).toEqual({ name: FILE_REALM_NAME, type: 'file' });
    expect(body.roles).toEqual(securedUser(username).roles);
  });

  const expected: Record<SecuredUsername, { manage: boolean; monitor: boolean; manage_security: boolean; read_security: boolean; stateIndex: { all: boolean; read: boolean } }> = {
    ma_superuser: { manage: true, monitor: true, manage_security: true, read_security: true, stateIndex: { all: true, read: true } },
    ma_admin: { manage: true, monitor: true, manage_security: false, read_security: false, stateIndex: { all: true, read: true } },
    ma_admin2: { manage: true, monitor: true, manage_security: false, read_security: false, stateIndex: { all: true, read: true } },
    ma_monitor: { manage: false, monitor: true, manage_security: false, read_security: false, stateIndex: { all: false, read: true } },
    ma_nobody: { manage: false, monitor: false, manage_security: false, read_security: false, stateIndex: { all: false, read: false } },
    ma_security_viewer: { manage: true, monitor: true, manage_security: false, read_security: true, stateIndex: { all: true, read: true } },
  };

  it.each(SECURED_USERNAMES)('answers _has_privileges for %s as its role says', async (username) => {
    const response = await securedRequest(username, 'POST', '/_security/user/_has_privileges', {
      cluster: ['manage', 'monitor', 'manage_security', ...READ_SECURITY_ACTIONS_7_17],
      // The plugin's state index is hidden, not restricted: `*` in a role covers it.
      index: [{ names: [STATE_INDEX], privileges: ['all', 'read'] }],
    });
    expect(response.status).toBe(200);
    const body = response.body as {
      username: string;
      cluster: Record<string, boolean>;
      index: Record<string, Record<string, boolean>>;
    };
    const want = expected[username];
    expect(body.username).toBe(username);
    expect({
      manage: body.cluster.manage,
      monitor: body.cluster.monitor,
      manage_security: body.cluster.manage_security,
      read_security: READ_SECURITY_ACTIONS_7_17.every((action) => body.cluster[action] === true),
      stateIndex: body.index[STATE_INDEX],
    }).toEqual(want);
  });

  it('does not know the read_security privilege (7.17): _has_privileges asking for it is a 400', async () => {
    const response = await securedRequest('ma_superuser', 'POST', '/_security/user/_has_privileges', { cluster: ['read_security'] });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('unknown cluster privilege [read_security]');
  });

  it('reads users and roles as the security viewer, and refuses the administrator', async () => {
    // Only native users and roles are listed (none here: the file realm's are not).
    expect((await securedRequest('ma_security_viewer', 'GET', '/_security/user')).status).toBe(200);
    expect((await securedRequest('ma_security_viewer', 'GET', '/_security/role')).status).toBe(200);
    const refused = await securedRequest('ma_admin', 'GET', '/_security/user');
    expect(refused.status).toBe(403);
    expect(errorType(refused)).toBe('security_exception');
  });

  it('runs a reindex from the open source node for the administrator', async () => {
    const dest = uniqueName('it-secured-stores');
    try {
      const result = await reindexStores('ma_admin', dest);
      expect(result.status).toBe(200);
      expect((result.body as { created: number; failures: unknown[] }).failures).toEqual([]);
      const copied = await count(nodes.secured_destination.url, dest, 'ma_admin');
      expect(copied).toBe(await count(nodes.source.url, 'stores'));
      expect(copied).toBe(500);
    } finally {
      await securedRequest('ma_superuser', 'DELETE', `/${dest}?ignore_unavailable=true`);
    }
  });

  it('refuses the reindex to the monitoring user with 403 and creates nothing', async () => {
    const dest = uniqueName('it-secured-refused');
    try {
      const result = await reindexStores('ma_monitor', dest);
      expect(result.status).toBe(403);
      expect(errorType(result)).toBe('security_exception');
      expect(JSON.stringify(result.body)).toContain('ma_monitor');
      const exists = await securedRequest('ma_superuser', 'HEAD', `/${dest}`);
      expect(exists.status).toBe(404);
    } finally {
      await securedRequest('ma_superuser', 'DELETE', `/${dest}?ignore_unavailable=true`);
    }
  });
});
