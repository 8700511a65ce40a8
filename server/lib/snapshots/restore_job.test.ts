/*
 * What needs x-pack security, which the test bed runs without: the `security` feature state and a 403 on
 * restricted indices, answered by recorded responses shaped like real 8.14 ones (facts file, sections 4-5).
 */
import { Client, errors } from '@elastic/elasticsearch';
import Mock from '@elastic/elasticsearch-mock';
import type { StoredJob } from '../job_record/job_record';
import { advanceRestoreJob, planRestore } from './restore_job';

const securitySnapshot = {
  snapshot: 'nightly-security',
  uuid: 'z0GKgUEJSJOYWGxlx3xkEg',
  repository: 'source-repo',
  version_id: 8140399,
  version: '8.14.3',
  indices: ['.security-7', 'orders'],
  data_streams: [],
  include_global_state: true,
  feature_states: [{ feature_name: 'security', indices: ['.security-7'] }],
  state: 'SUCCESS',
  start_time: '2026-11-24T02:00:00.000Z',
  end_time: '2026-11-24T02:00:03.000Z',
  failures: [],
  shards: { total: 2, failed: 0, successful: 2 },
};

const responseError = (statusCode: number, type: string, reason: string) =>
  new errors.ResponseError({
    body: { error: { root_cause: [{ type, reason }], type, reason }, status: statusCode },
    statusCode,
    headers: {},
    warnings: null,
    meta: {} as never,
  });

const destination = (restoreAnswer?: () => Record<string, unknown> | Error, extra?: (mock: Mock) => void) => {
  const mock = new Mock();
  extra?.(mock);
  mock.add({ method: 'GET', path: '/_snapshot/source-repo' }, () => ({ 'source-repo': { type: 'fs', settings: { location: '/mnt/source', readonly: 'true' } } }));
  mock.add({ method: 'GET', path: '/_snapshot/source-repo/_all' }, () => ({ snapshots: [securitySnapshot], total: 1, remaining: 0 }));
  mock.add({ method: 'GET', path: '/_nodes/_local/_none' }, () => ({
    _nodes: { total: 1, successful: 1, failed: 0 },
    cluster_name: 'production',
    nodes: { 'x1Gf6pBhR0uC7n4kq0bHfA': { name: 'es-01', version: '8.14.3', build_flavor: 'default', roles: ['data', 'master'] } },
  }));
  mock.add({ method: 'GET', path: '/_snapshot' }, () => ({
    'source-repo': { type: 'fs', settings: { location: '/mnt/source', readonly: 'true' } },
    'own-backups': { type: 'fs', settings: { location: '/mnt/own' } },
  }));
  mock.add({ method: 'PUT', path: '/_snapshot/own-backups/*' }, () => ({ accepted: true }));
  mock.add({ method: 'GET', path: '/_snapshot/own-backups/*' }, () => ({ snapshots: [{ snapshot: 'safety', state: 'SUCCESS' }] }));
  mock.add({ method: 'POST', path: '/_snapshot/source-repo/nightly-security/_restore' }, restoreAnswer ?? (() => ({ accepted: true })));
  return new Client({ node: 'http://localhost:9200', Connection: mock.getConnection() });
};

describe('the security feature state (recorded 8.14 responses)', () => {
  const request = { type: 'snapshot_restore' as const, repository: 'source-repo', snapshot: 'nightly-security', indices: [], feature_states: ['security'], safety_repository: 'own-backups' };

  it('asks for the typed confirmation and, first, a file-realm superuser', async () => {
    await expect(planRestore(destination(), request)).rejects.toMatchObject({
      statusCode: 400,
      attributes: {
        field: 'confirmation',
        confirmation: 'replace security',
        remedy: expect.stringContaining('bin/elasticsearch-users useradd restore_user -p <password> -r superuser'),
      },
    });
  });

  it('plans the feature state’s own index once confirmed', async () => {
    const items = await planRestore(destination(), { ...request, confirmation: 'replace security' });
    expect(items.map(({ source, dest, feature_state }) => ({ source, dest, feature_state }))).toEqual([{ source: '.security-7', dest: '.security-7', feature_state: 'security' }]);
  });

  it('refuses the read-only source repository as the safety repository', async () => {
    await expect(planRestore(destination(), { ...request, safety_repository: 'source-repo', confirmation: 'replace security' })).rejects.toMatchObject({
      statusCode: 400,
      message: '[safety_repository]: [source-repo] is read-only',
    });
  });

  it('records a 403 on restricted indices as the items’ error, after the safety snapshot', async () => {
    const reason =
      'action [cluster:admin/snapshot/restore] is unauthorized for user [migrator] with effective roles [migration] on restricted indices [.security-7], this action is granted by the cluster privileges [manage,all]';
    const client = destination(() => responseError(403, 'security_exception', reason));
    const items = await planRestore(client, { ...request, confirmation: 'replace security' });
    const { type: _type, ...restore } = { ...request, confirmation: 'replace security' };
    const job = { id: 'job-security', type: 'snapshot_restore', status: 'queued', items, restore } as unknown as StoredJob;
    // The safety snapshot is started without waiting, recorded, and read at the next poll.
    await advanceRestoreJob(job, client);
    expect(job.safety_snapshot).toMatchObject({ repository: 'own-backups', state: 'IN_PROGRESS', attempt: 1 });
    expect(job.items.map((item) => item.status)).toEqual(['queued']);
    await advanceRestoreJob(job, client);
    expect(job.safety_snapshot).toMatchObject({ repository: 'own-backups', state: 'SUCCESS' });
    expect(job.items.map((item) => [item.status, item.error?.reason])).toEqual([['failed', reason]]);
  });
});

describe('restored names (recorded 8.14 responses)', () => {
  const request = { type: 'snapshot_restore' as const, repository: 'source-repo', snapshot: 'nightly-security', indices: ['orders'] };

  it('plans the name Elasticsearch creates: every match replaced, and looks for clashes under it', async () => {
    // First-match replacement would plan (and check) "oxders"; Elasticsearch creates "oxdexs".
    const client = destination(undefined, (mock) => mock.add({ method: 'GET', path: '/oxdexs' }, () => ({})));
    const items = await planRestore(client, { ...request, rename_pattern: 'r', rename_replacement: 'x' });
    expect(items.map((item) => item.dest)).toEqual(['oxdexs']);
    const clash = destination(undefined, (mock) => mock.add({ method: 'GET', path: '/oxdexs' }, () => ({ oxdexs: {} })));
    await expect(planRestore(clash, { ...request, rename_pattern: 'r', rename_replacement: 'x' })).rejects.toMatchObject({
      statusCode: 409,
      message: 'These indices already exist on the destination: oxdexs',
    });
  });

  it('answers an invalid group reference with a 400 naming rename_replacement', async () => {
    await expect(planRestore(destination(), { ...request, rename_pattern: '^(.+)$', rename_replacement: 'restored_$2' })).rejects.toMatchObject({
      statusCode: 400,
      attributes: { field: 'rename_replacement' },
      message: expect.stringContaining('No group 2'),
    });
  });

  it('refuses two indices renamed into one, as Elasticsearch does', async () => {
    const twoIndices = { ...request, indices: ['orders', '.security-7'], rename_pattern: '^.+$', rename_replacement: 'copy', include_aliases: false };
    await expect(planRestore(destination(), twoIndices)).rejects.toMatchObject({
      statusCode: 400,
      message: '[rename_replacement]: [orders] and [.security-7] would both be restored as [copy]',
    });
  });
});

describe('restored under internal names (recorded 8.14 responses)', () => {
  const request = { type: 'snapshot_restore' as const, repository: 'source-repo', snapshot: 'nightly-security', indices: ['orders'] };
  const free = (name: string) => destination(undefined, (mock) => mock.add({ method: 'GET', path: `/${name}` }, () => ({})));

  it('asks for the typed confirmation before renaming onto .security-7 or .kibana_*', async () => {
    for (const dest of ['.security-7', '.kibana_restored']) {
      const renamed = { ...request, rename_pattern: '^orders$', rename_replacement: dest };
      await expect(planRestore(free(dest), renamed)).rejects.toMatchObject({
        statusCode: 400,
        attributes: { code: 'validation_failed', field: 'confirmation', confirmation: `write into ${dest}` },
      });
      expect((await planRestore(free(dest), { ...renamed, confirmation: `write into ${dest}` })).map((item) => item.dest)).toEqual([dest]);
      // Preflight and dry runs plan before the user typed it.
      expect((await planRestore(free(dest), renamed, { skipConfirmation: true })).map((item) => item.dest)).toEqual([dest]);
    }
  });

  it('asks for nothing more when the names are not internal', async () => {
    expect((await planRestore(free('restored_orders'), { ...request, rename_pattern: '^(.+)$', rename_replacement: 'restored_$1' })).map((item) => item.dest)).toEqual(['restored_orders']);
  });
});
