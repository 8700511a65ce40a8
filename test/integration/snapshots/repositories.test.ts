/*
 * Snapshot repositories and snapshots through the API against the real test bed: the 7.17 source writes
 * a snapshot (data plus its .kibana) into the shared folder; the 8.14 destination registers that folder
 * read-only and lists the snapshot as restorable, with how its internal index restores.
 */
import fs from 'node:fs';
import { testBedInfo, TestBedInfo } from '../../../dev/es/testbed';
import { testBedNodes } from '../../../dev/es/testbed_config';
import { KIBANA_INDEX } from '../../../dev/sample_data/kibana_saved_objects';
import type { RunningHost } from '../../../dev/host/server/host_server';
import { startTestHost } from '../../functional/helpers/host';
import { esRequest, uniqueName, waitUntil } from '../helpers/es_http';
import { hostApi } from '../helpers/host_api';

const nodes = testBedNodes();
let host: RunningHost;
let info: TestBedInfo;
const repository = uniqueName('it-snapshots');
let location: string;

const call = hostApi(() => host.url);

beforeAll(async () => {
  info = await testBedInfo();
  location = `${info.shared_repo_dir}/${repository}`;
  host = await startTestHost({ destinationUrl: nodes.destination.url });
  await esRequest(nodes.source.url, 'PUT', `/_snapshot/${repository}`, { type: 'fs', settings: { location } });
  const taken = await esRequest(nodes.source.url, 'PUT', `/_snapshot/${repository}/before-migration?wait_for_completion=true`, {
    indices: `stores,orders-2023,${KIBANA_INDEX}`,
    include_global_state: false,
  });
  expect((taken.body as { snapshot: { state: string } }).snapshot.state).toBe('SUCCESS');
});

afterAll(async () => {
  await host?.stop();
  await esRequest(nodes.destination.url, 'DELETE', `/_snapshot/${repository}`);
  await esRequest(nodes.source.url, 'DELETE', `/_snapshot/${repository}/before-migration`);
  await esRequest(nodes.source.url, 'DELETE', `/_snapshot/${repository}`);
  fs.rmSync(location, { recursive: true, force: true });
});

describe('snapshot repositories on the 8.14 destination', () => {
  it('registers the source’s repository read-only, verifies it and lists it', async () => {
    const registered = await call('PUT', `/repositories/${repository}`, { type: 'fs', settings: { location } });
    expect(registered).toMatchObject({ status: 200, body: { name: repository, type: 'fs', readonly: true } });
    const onDestination = await esRequest(nodes.destination.url, 'GET', `/_snapshot/${repository}`);
    expect((onDestination.body as Record<string, { settings: { readonly: string } }>)[repository]?.settings.readonly).toBe('true');
    expect((await call('POST', `/repositories/${repository}/_verify`)).status).toBe(200);
    const listed = await call('GET', '/repositories');
    expect((listed.body.repositories as Array<{ name: string; readonly: boolean }>).find((r) => r.name === repository)).toMatchObject({ readonly: true });
  });

  it('lists the 7.17 snapshot as restorable, with how the .kibana index restores', async () => {
    const listed = await call('GET', `/repositories/${repository}/snapshots`);
    expect(listed.status).toBe(200);
    const [snapshot] = listed.body.snapshots as Array<{ snapshot: string; version: string; state: string; indices: string[]; restorable: boolean; restore_notes: string[] }>;
    expect(snapshot).toMatchObject({ snapshot: 'before-migration', version: info.source.version, state: 'SUCCESS', restorable: true });
    expect([...(snapshot?.indices ?? [])].sort()).toEqual([KIBANA_INDEX, 'orders-2023', 'stores'].sort());
    expect(snapshot?.restore_notes.join(' ')).toContain('include_aliases: false');
  });

  it('restores the data indices renamed and the .kibana copy as restored_* without aliases; live aliases untouched', async () => {
    // A live .kibana alias on the destination, as a running Kibana has.
    const live = `.kibana_live_${Date.now()}`;
    await esRequest(nodes.destination.url, 'PUT', `/${live}`, { aliases: { '.kibana': {} }, settings: { index: { hidden: true, number_of_replicas: 0 } } });
    try {
      const refused = await call('POST', '/jobs', { type: 'snapshot_restore', repository, snapshot: 'before-migration', indices: [KIBANA_INDEX], rename_pattern: '^\\.(.+)$', rename_replacement: 'restored_$1' });
      expect(refused).toMatchObject({ status: 400, body: { attributes: { field: 'include_aliases' } } });

      const restoreFields = {
        repository,
        snapshot: 'before-migration',
        indices: ['stores', 'orders-2023', KIBANA_INDEX],
        rename_pattern: '^\\.?(.+)$',
        rename_replacement: `restored_${repository}_$1`,
        include_aliases: false,
        index_settings: { 'index.number_of_replicas': 0 },
      };
      // Preflight: the plan's own rules, how internal indices come back, disk space.
      const preflight = await call('POST', '/preflight', { method: 'snapshot', ...restoreFields });
      expect(preflight.status).toBe(200);
      const checks = Object.fromEntries((preflight.body.checks as Array<{ id: string; status: string; message: string }>).map((c) => [c.id, c]));
      expect(checks.restore_plan).toMatchObject({ status: 'pass' });
      expect(checks.restore_plan?.message).toContain(`${KIBANA_INDEX} → restored_${repository}_kibana_7.17.9_001`);
      expect(checks.internal_indices?.message).toContain('renamed copies without aliases');
      expect(checks.disk_space).toMatchObject({ status: 'pass' });
      expect(checks.safety_snapshot).toMatchObject({ status: 'skipped' });
      const withAliases = await call('POST', '/preflight', { method: 'snapshot', ...restoreFields, include_aliases: true });
      const planWithAliases = (withAliases.body.checks as Array<{ id: string; status: string; details?: { field?: string } }>).find((c) => c.id === 'restore_plan');
      expect(planWithAliases).toMatchObject({ status: 'fail', details: { field: 'include_aliases' } });
      // Review: the exact request, and nothing restored by the dry run.
      const dryRun = await call('POST', '/jobs?dry_run=true', { type: 'snapshot_restore', ...restoreFields });
      const planned = dryRun.body as unknown as { dry_run: boolean; plan: { requests: string[] } };
      expect(dryRun.status).toBe(200);
      expect(planned.dry_run).toBe(true);
      expect(planned.plan.requests).toHaveLength(1);
      expect(planned.plan.requests[0]).toContain(`POST _snapshot/${repository}/before-migration/_restore`);
      expect(JSON.parse(planned.plan.requests[0]?.split('\n').slice(1).join('\n') ?? '{}')).toMatchObject({ include_aliases: false, include_global_state: false });
      expect((await esRequest(nodes.destination.url, 'GET', `/restored_${repository}_stores`)).status).toBe(404);

      const created = await call('POST', '/jobs', { type: 'snapshot_restore', ...restoreFields });
      expect(created.status).toBe(201);
      let job = created.body as { id: string; status: string; items: Array<{ source: string; dest: string; status: string; dest_count?: number; recovery?: { stage: string } }> };
      await waitUntil(async () => {
        job = (await call('GET', `/jobs/${job.id}`)).body as typeof job;
        return ['completed', 'failed'].includes(job.status);
      }, 60_000);
      expect(job.status).toBe('completed');
      for (const item of job.items) {
        const source = await esRequest(nodes.source.url, 'GET', `/${item.source}/_count`);
        expect({ dest: item.dest, count: item.dest_count }).toEqual({ dest: `restored_${repository}_${item.source.replace(/^\./, '')}`, count: (source.body as { count: number }).count });
        expect(item.recovery?.stage).toBe('DONE');
      }
      // The live .kibana alias still points at the live index only, and the copies joined no alias.
      const kibanaAlias = await esRequest(nodes.destination.url, 'GET', '/_alias/.kibana');
      expect(Object.keys(kibanaAlias.body as object)).toEqual([live]);
      expect((await esRequest(nodes.destination.url, 'GET', '/_alias/orders')).status).toBe(404);

      // Cleanup lists exactly the restored copy of .kibana, and waits for a verification.
      const plan = await call('GET', `/jobs/${job.id}/cleanup`);
      const copy = `restored_${repository}_kibana_7.17.9_001`;
      expect(plan).toMatchObject({ status: 200, body: { indices: [copy], snapshot: { repository, snapshot: 'before-migration' } } });
      const early = await call('POST', `/jobs/${job.id}/_cleanup`, { indices: [copy] });
      expect(early).toMatchObject({ status: 409 });
      expect(String((early.body.attributes as { remedy: string }).remedy)).toContain('Verify the migration first');

      // The verification of the restore: counts and sampled documents against the source, saved objects
      // read from the restored copy (the live .kibana holds none of them).
      const source = await call('POST', '/sources', { name: `${repository}-source`, host: nodes.source.url, auth: { type: 'none' } });
      expect(source.status).toBe(201);
      const started = await call('POST', '/verifications', { job_id: job.id, source_id: source.body.id });
      expect(started.status).toBe(201);
      let report = started.body as {
        id: string;
        status: string;
        indices: Array<{ dest: string; counts_match: boolean; sampled: number; sample_mismatches: unknown[]; aliases: { expected: string[] } }>;
        saved_objects: { compared_from: string; by_type: Record<string, { source: number; dest: number; missing: Array<{ title: string }> }> };
        security: { available: boolean };
      };
      await waitUntil(async () => {
        report = (await call('GET', `/verifications/${report.id}`)).body as typeof report;
        return report.status !== 'running';
      }, 60_000);
      expect(report.status).toBe('completed');
      expect(report.indices).toHaveLength(3);
      for (const index of report.indices) {
        expect({ dest: index.dest, counts_match: index.counts_match, mismatches: index.sample_mismatches }).toEqual({ dest: index.dest, counts_match: true, mismatches: [] });
        expect(index.sampled).toBeGreaterThan(0);
        // Restored with include_aliases: false, so no alias is expected.
        expect(index.aliases.expected).toEqual([]);
      }
      expect(report.saved_objects.compared_from).toContain(`restored_${repository}_kibana_7.17.9_001`);
      expect(report.saved_objects.by_type.visualization).toMatchObject({ source: 6, dest: 0 });
      expect(report.saved_objects.by_type.visualization?.missing.map((m) => m.title)).toContain('Visitors by city');
      expect(report.security.available).toBe(false);

      // 8.x refuses writes to system indices: nothing is written, the copy stays, and the answer says why.
      const intoPlace = await call('POST', `/jobs/${job.id}/_reindex_into_place`, {});
      expect(intoPlace).toMatchObject({ status: 409, body: { attributes: { code: 'system_index_write_refused' } } });
      expect(String((intoPlace.body.attributes as { remedy: string }).remedy)).toContain('feature state');

      const wrongList = await call('POST', `/jobs/${job.id}/_cleanup`, { indices: [copy, `restored_${repository}_stores`] });
      expect(wrongList).toMatchObject({ status: 400, body: { attributes: { field: 'indices' } } });
      expect((await esRequest(nodes.destination.url, 'GET', `/${copy}/_count`)).status).toBe(200);
      const cleaned = await call('POST', `/jobs/${job.id}/_cleanup`, { indices: [copy] });
      expect(cleaned).toMatchObject({ status: 200, body: { indices: [copy] } });
      expect((await esRequest(nodes.destination.url, 'GET', `/${copy}/_count`)).status).toBe(404);
      // The restored data indices are the migration's result: they stay.
      expect((await esRequest(nodes.destination.url, 'GET', `/restored_${repository}_stores/_count`)).status).toBe(200);

      const clash = await call('POST', '/jobs', { type: 'snapshot_restore', repository, snapshot: 'before-migration', indices: ['stores'], rename_pattern: '^(.+)$', rename_replacement: `restored_${repository}_$1` });
      expect(clash).toMatchObject({ status: 409, body: { attributes: { code: 'destination_index_exists' } } });
    } finally {
      await esRequest(nodes.destination.url, 'DELETE', `/${live},restored_${repository}_*?expand_wildcards=all&ignore_unavailable=true`);
    }
  });

  it('names path.repo when the folder is outside it, and a missing repository', async () => {
    const outside = await call('PUT', '/repositories/outside', { type: 'fs', settings: { location: '/tmp/not-in-path-repo' } });
    expect(outside).toMatchObject({ status: 400, body: { attributes: { code: 'repository_location_not_allowed', field: 'settings.location' } } });
    expect(String((outside.body.attributes as { remedy: string }).remedy)).toContain('path.repo');
    const missing = await call('GET', '/repositories/never-registered/snapshots');
    expect(missing).toMatchObject({ status: 404, body: { attributes: { code: 'repository_not_found' } } });
    const badName = await call('PUT', '/repositories/Bad%20Name', { type: 'fs', settings: {} });
    expect(badName.status).toBe(400);
  });
});
