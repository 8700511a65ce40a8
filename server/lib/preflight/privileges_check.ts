/* 4. Privileges: the source user can read the selection and has monitor; the destination user can write. */
import { errorStatus, isResponseError } from '../es_client';
import type { EsClient } from '../es_client';
import type { PreflightCheck, ReindexPreflightContext } from './types';

type Has = { has_all_requested: boolean; cluster?: Record<string, boolean>; index?: Record<string, Record<string, boolean>> };

/** Undefined when security is off on that cluster (the API is missing or says it must be enabled). */
export const hasPrivileges = async (client: EsClient, request: object): Promise<Has | undefined> => {
  try {
    return (await client.security.hasPrivileges(request as never)) as Has;
  } catch (error) {
    const text = isResponseError(error) ? JSON.stringify(error.body ?? '') : '';
    if (errorStatus(error) === 400 || errorStatus(error) === 404 || /Security must be explicitly enabled|no handler found|security is not enabled/i.test(text)) {
      return undefined;
    }
    throw error;
  }
};

export const privilegesCheck: PreflightCheck<ReindexPreflightContext> = {
  id: 'privileges',
  title: 'Privileges',
  async run({ source, destination, indices, destinations }) {
    const [onSource, onDestination] = await Promise.all([
      hasPrivileges(source, { cluster: ['monitor'], index: [{ names: indices, privileges: ['read', 'view_index_metadata'] }] }),
      hasPrivileges(destination, { index: [{ names: Object.values(destinations), privileges: ['create_index', 'write', 'manage'] }] }),
    ]);
    if (!onSource && !onDestination) {
      return { status: 'skipped', message: 'Security is not enabled on either cluster, so every request is allowed.' };
    }
    const problems: string[] = [];
    if (onSource && !onSource.has_all_requested) problems.push('the source user lacks monitor or read on some selected indices');
    if (onDestination && !onDestination.has_all_requested) problems.push('you lack create_index, write or manage on some destination indices');
    if (problems.length === 0) {
      return { status: 'pass', message: `The needed privileges are granted${!onSource || !onDestination ? ' (security is off on one cluster)' : ''}.` };
    }
    return {
      status: 'fail',
      message: `Missing privileges: ${problems.join('; ')}.`,
      remedy: 'Source role: cluster ["monitor"], indices [{ names: [...], privileges: ["read", "view_index_metadata"] }]. Destination role: indices [{ names: [...], privileges: ["create_index", "write", "manage"] }].',
      details: { source: onSource, destination: onDestination },
    };
  },
};
