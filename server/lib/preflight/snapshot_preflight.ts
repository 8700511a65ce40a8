/*
 * POST /preflight with method "snapshot": what a restore job would refuse (the plan's own rules, run
 * without the typed confirmation), how internal indices come back on this destination, the safety
 * repository, and whether the destination has the disk the snapshot's indices need.
 */
import { FILE_REALM_SUPERUSER_COMMAND, INTERNAL_INDEX } from '../../../common/lib/snapshot_compat';
import type { PreflightResponse } from '../../../common/types/preflight';
import type { SnapshotRestoreJobRequest } from '../../../common/types/jobs';
import { majorVersion } from '../../../common/lib/versions';
import type { EsClient } from '../es_client';
import { isMigrationError } from '../migration_error';
import { existingDestinations, planRestore } from '../snapshots/restore_job';
import { runChecks } from './run_checks';
import type { PreflightCheck } from './types';
import { destinationVersion } from './versions_check';


export interface SnapshotPreflightContext {
  destination: EsClient;
  request: SnapshotRestoreJobRequest;
}

const planCheck: PreflightCheck<SnapshotPreflightContext> = {
  id: 'restore_plan',
  title: 'The snapshot restores here as asked',
  async run({ destination, request }) {
    try {
      const items = await planRestore(destination, request, { skipConfirmation: true });
      const overwritten = request.overwrite_existing ? await existingDestinations(destination, items.map((item) => item.dest)) : [];
      const names = items.map((item) => (item.feature_state ? `${item.dest} (feature state ${item.feature_state})` : item.source === item.dest ? item.dest : `${item.source} → ${item.dest}`));
      return {
        status: 'pass',
        message: `${items.length} ${items.length === 1 ? 'index' : 'indices'} will be restored: ${names.join(', ')}.${overwritten.length ? ` Closed and overwritten: ${overwritten.join(', ')}.` : ''}`,
        details: { items: items.map(({ source, dest, feature_state }) => ({ source, dest, feature_state })), overwritten },
      };
    } catch (error) {
      if (!isMigrationError(error)) throw error;
      return { status: 'fail', message: error.message, remedy: error.attributes.remedy, details: { code: error.code, field: error.attributes.field } };
    }
  },
};

const internalIndicesCheck: PreflightCheck<SnapshotPreflightContext> = {
  id: 'internal_indices',
  title: 'Internal indices (.kibana, .security)',
  async run({ destination, request }) {
    const internal = request.indices.filter((index) => INTERNAL_INDEX.test(index));
    const features = request.feature_states ?? [];
    if (internal.length === 0 && features.length === 0) return { status: 'skipped', message: 'No internal index or feature state is restored.' };
    const major = majorVersion(await destinationVersion(destination));
    const messages: string[] = [];
    if (internal.length > 0) {
      messages.push(
        request.overwrite_existing
          ? `${internal.join(', ')} replace the destination's indices of the same name (closed, restored over, reopened), after a safety snapshot.`
          : `${internal.join(', ')} come back as renamed copies without aliases, so the live .kibana and .security stay untouched; ${
              major >= 8
                ? 'on 8.x the live internal indices can only be replaced through feature states.'
                : 'on 7.x they can instead be restored over the live ones (close and overwrite).'
            }`
      );
    }
    if (features.length > 0) messages.push(`Feature states ${features.join(', ')} delete and replace this cluster's own, after a safety snapshot.`);
    const securityTouched = features.includes('security') || (request.overwrite_existing && internal.some((index) => index.startsWith('.security')));
    return {
      status: securityTouched ? 'warning' : 'pass',
      message: messages.join(' '),
      ...(securityTouched
        ? { remedy: `Users and roles are replaced: first add a file-realm superuser on every destination node: ${FILE_REALM_SUPERUSER_COMMAND}` }
        : {}),
    };
  },
};

const diskCheck: PreflightCheck<SnapshotPreflightContext> = {
  id: 'disk_space',
  title: 'Disk space on the destination',
  async run({ destination, request }) {
    if (request.indices.length === 0) return { status: 'skipped', message: 'Only feature states are restored.' };
    const status = (await destination.snapshot.status({ repository: request.repository, snapshot: request.snapshot })) as {
      snapshots?: Array<{ indices?: Record<string, { stats?: { total?: { size_in_bytes?: number } } }> }>;
    };
    const perIndex = status.snapshots?.[0]?.indices ?? {};
    const needed = request.indices.reduce((sum, index) => sum + (perIndex[index]?.stats?.total?.size_in_bytes ?? 0), 0);
    const fs = (await destination.nodes.stats({ metric: 'fs' })) as { nodes?: Record<string, { fs?: { total?: { available_in_bytes?: number } } }> };
    const available = Object.values(fs.nodes ?? {}).reduce((sum, node) => sum + (node.fs?.total?.available_in_bytes ?? 0), 0);
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    // The high disk watermark (90 % used by default) stops shard allocation well before the disk is full.
    const usable = available * 0.8;
    if (needed > usable) {
      return {
        status: 'fail',
        message: `The selected indices take ${mb(needed)} in the snapshot; the destination has ${mb(available)} available, about ${mb(usable)} before the disk watermarks stop allocation.`,
        remedy: 'Free or add disk on the destination, or restore fewer indices at a time.',
        details: { needed_bytes: needed, available_bytes: available },
      };
    }
    return {
      status: needed > usable / 2 ? 'warning' : 'pass',
      message: `The selected indices take ${mb(needed)} in the snapshot; the destination has ${mb(available)} available.`,
      details: { needed_bytes: needed, available_bytes: available },
    };
  },
};

const safetyCheck: PreflightCheck<SnapshotPreflightContext> = {
  id: 'safety_snapshot',
  title: 'Safety snapshot before replacing anything',
  async run({ request }) {
    const replaces = (request.feature_states?.length ?? 0) > 0 || request.overwrite_existing === true;
    if (!replaces) return { status: 'skipped', message: 'Nothing on the destination is replaced: no safety snapshot is needed.' };
    if (!request.safety_repository) {
      return {
        status: 'fail',
        message: 'This restore replaces indices of the destination, so a safety snapshot of them is taken first, into a writable repository you choose.',
        remedy: 'Register a writable repository on the destination (PUT /api/migration_assistant/repositories/<name> with "readonly": false) and choose it.',
      };
    }
    return { status: 'pass', message: `What is replaced is saved to [${request.safety_repository}] first.` };
  },
};

export const SNAPSHOT_CHECKS = [planCheck, internalIndicesCheck, safetyCheck, diskCheck];

export const runSnapshotPreflight = (destination: EsClient, request: SnapshotRestoreJobRequest): Promise<PreflightResponse> =>
  runChecks(SNAPSHOT_CHECKS, { destination, request });
