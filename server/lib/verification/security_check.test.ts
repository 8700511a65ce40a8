/*
 * Users and roles need x-pack security, which the test bed's nodes run without; these clusters answer
 * with recorded responses shaped like real 7.17 / 8.14 ones (facts file, section 5).
 */
import { Client, errors } from '@elastic/elasticsearch';
import Mock from '@elastic/elasticsearch-mock';
import { verifySecurity } from './security_check';

const xpack = (enabled: boolean) => ({
  build: { hash: 'bee86328705acaa9a6daede7140defd4d9ec56bd', date: '2023-01-31T05:34:43.305517834Z' },
  license: { uid: 'f4c1c1e0-7c36-4bd3-9e1e-1f9c1a5a0b8e', type: 'basic', mode: 'basic', status: 'active' },
  features: {
    security: { available: true, enabled },
    ml: { available: false, enabled: true },
    watcher: { available: false, enabled: true },
  },
  tagline: 'You know, for X',
});

const reservedUser = { username: 'elastic', roles: ['superuser'], full_name: null, email: null, metadata: { _reserved: true }, enabled: true };
const user = (username: string, roles: string[]) => ({ username, roles, full_name: username, email: `${username}@example.com`, metadata: {}, enabled: true });
const role = (indices: string[]) => ({
  cluster: ['monitor'],
  indices: [{ names: indices, privileges: ['read', 'view_index_metadata'], allow_restricted_indices: false }],
  applications: [],
  run_as: [],
  metadata: {},
  transient_metadata: { enabled: true },
});
const superuserRole = {
  cluster: ['all'],
  indices: [{ names: ['*'], privileges: ['all'], allow_restricted_indices: true }],
  applications: [{ application: '*', privileges: ['*'], resources: ['*'] }],
  run_as: ['*'],
  metadata: { _reserved: true },
  transient_metadata: {},
};

const cluster = (answers: { xpack: Record<string, unknown>; users?: Record<string, unknown>; roles?: Record<string, unknown>; usersStatus?: number }) => {
  const mock = new Mock();
  mock.add({ method: 'GET', path: '/_xpack' }, () => answers.xpack);
  if (answers.usersStatus) {
    mock.add({ method: 'GET', path: '/_security/user' }, () => new errors.ResponseError({
      body: {
        error: {
          root_cause: [{ type: 'security_exception', reason: 'action [cluster:admin/xpack/security/user/get] is unauthorized for user [migrator] with roles [migration]' }],
          type: 'security_exception',
          reason: 'action [cluster:admin/xpack/security/user/get] is unauthorized for user [migrator] with roles [migration]',
        },
        status: answers.usersStatus,
      },
      statusCode: answers.usersStatus,
      headers: {},
      warnings: null,
      meta: {} as never,
    }));
  } else {
    mock.add({ method: 'GET', path: '/_security/user' }, () => answers.users ?? {});
  }
  mock.add({ method: 'GET', path: '/_security/role' }, () => answers.roles ?? {});
  return new Client({ node: 'http://localhost:9200', Connection: mock.getConnection() });
};

describe('verifySecurity', () => {
  const source = () =>
    cluster({
      xpack: xpack(true),
      users: { elastic: reservedUser, kara: user('kara', ['cj_test_role']), ops: user('ops', ['monitoring_user', 'ops_role']) },
      roles: { superuser: superuserRole, cj_test_role: role(['orders*']), ops_role: role(['web-logs-*']) },
    });

  it('names the user and role that did not arrive, and a role a user lost', async () => {
    const dest = cluster({
      xpack: xpack(true),
      users: { elastic: reservedUser, ops: user('ops', ['monitoring_user']) },
      roles: { superuser: superuserRole, ops_role: role(['web-logs-*']) },
    });
    const report = await verifySecurity({ source: source(), dest });
    expect(report.available).toBe(true);
    expect(report.source_available).toBe(true);
    expect(report.users.expected).toEqual(['kara', 'ops']);
    expect(report.users.missing).toEqual(['kara']);
    expect(report.users.role_differences).toEqual([{ username: 'ops', missing_roles: ['ops_role'] }]);
    expect(report.roles.missing).toEqual(['cj_test_role']);
    // Built-in users and roles exist on every cluster and are left out.
    expect(report.users.found).toEqual(['ops']);
  });

  it('finds nothing missing once kara and cj_test_role exist on the destination', async () => {
    const dest = cluster({
      xpack: xpack(true),
      users: { kara: user('kara', ['cj_test_role']), ops: user('ops', ['monitoring_user', 'ops_role']) },
      roles: { cj_test_role: role(['orders*']), ops_role: role(['web-logs-*']) },
    });
    const report = await verifySecurity({ source: source(), dest });
    expect(report.users.missing).toEqual([]);
    expect(report.roles.missing).toEqual([]);
    expect(report.users.destination).toContainEqual({ username: 'kara', roles: ['cj_test_role'], enabled: true });
  });

  it('reports a destination without security as a state, not an error', async () => {
    const report = await verifySecurity({ source: source(), dest: cluster({ xpack: xpack(false) }) });
    expect(report.available).toBe(false);
    expect(report.reason).toMatch(/Security is not enabled on the destination/);
  });

  it('says which privilege is needed when the source refuses to list users', async () => {
    const refusing = cluster({ xpack: xpack(true), usersStatus: 403, roles: {} });
    const dest = cluster({ xpack: xpack(true), users: {}, roles: {} });
    const report = await verifySecurity({ source: refusing, dest });
    expect(report.available).toBe(true);
    expect(report.source_available).toBe(false);
    expect(report.source_reason).toMatch(/is unauthorized for user \[migrator\].*read_security or manage_security/);
  });
});
