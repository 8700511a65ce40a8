/* /api/migration_assistant/jobs: migration jobs (http_api.md, Jobs). */
import { API_BASE_PATH, API_VERSION } from '../../common/constants';
import {
  cancelJobSchema,
  cleanupSchema,
  cutoverSchema,
  intoPlaceSchema,
  createJobQuerySchema,
  jobIdParamsSchema,
  listJobsQuerySchema,
  jobRequestSchema,
  rethrottleSchema,
  retryJobSchema,
} from '../../common/schemas/jobs';
import type { KibanaRequest } from '@kbn/core/server';
import { FINISHED_JOB_STATUSES } from '../../common/types/jobs';
import type { EsClient } from '../lib/es_client';
import type { MigrationServices } from '../lib/migration_services';
import type { RouteDependencies } from './types';
import { currentUser, ES_AUTHORIZED, guarded, validateWith } from './route_helpers';

/** How long a job's API key lives at most. */
const JOB_API_KEY_EXPIRATION = '14d';

export const registerJobRoutes = ({ router, getServices, getSecurity }: RouteDependencies): void => {
  const path = `${API_BASE_PATH}/jobs`;
  /** Act for the job as this user: their client now, and an API key that outlives their session when security can grant one. */
  const actAsUser = async (services: MigrationServices, jobId: string, request: KibanaRequest, client: EsClient) => {
    services.actAs(jobId, client);
    const apiKeys = getSecurity?.()?.authc.apiKeys;
    if (!apiKeys) return;
    await services.credentials.grant(jobId, () =>
      apiKeys.grantAsInternalUser(request, {
        name: `migration_assistant_job_${jobId}`,
        // A key that outlives its job (a Kibana gone for good) expires on its own; a retry grants a new one.
        expiration: JOB_API_KEY_EXPIRATION,
        role_descriptors: {},
        metadata: { managed: true, managed_by: 'migrationAssistant', job_id: jobId },
      })
    );
  };

  router.versioned
    .post({ path, access: 'public', security: ES_AUTHORIZED, summary: 'Create a migration job (or plan it with dry_run=true)' })
    .addVersion(
      {
        version: API_VERSION,
        validate: { request: { body: validateWith(jobRequestSchema), query: validateWith(createJobQuerySchema) } },
      },
      guarded(async (context, request, response) => {
        const services = await getServices();
        const client = await currentUser(context);
        const body = request.body;
        const job =
          body.type === 'snapshot_restore'
            ? await services.jobs.createSnapshotRestoreJob(body, client, { dryRun: request.query?.dry_run === true })
            : await services.jobs.createReindexJob(body, client, { dryRun: request.query?.dry_run === true });
        if (!job.dry_run) await actAsUser(services, job.id, request, client);
        return response.custom({ statusCode: job.dry_run ? 200 : 201, body: job });
      })
    );

  router.versioned
    .get({ path, access: 'public', security: ES_AUTHORIZED, summary: 'List migration jobs' })
    .addVersion(
      { version: API_VERSION, validate: { request: { query: validateWith(listJobsQuerySchema) } } },
      guarded(async (_context, request, response) => {
        const { jobs } = await getServices();
        return response.ok({ body: await jobs.list(request.query ?? {}) });
      })
    );

  router.versioned
    .get({ path: `${path}/{id}`, access: 'public', security: ES_AUTHORIZED, summary: 'Get a migration job' })
    .addVersion(
      { version: API_VERSION, validate: { request: { params: validateWith(jobIdParamsSchema) } } },
      guarded(async (_context, request, response) => {
        const { jobs } = await getServices();
        return response.ok({ body: await jobs.get(request.params.id) });
      })
    );

  router.versioned
    .delete({ path: `${path}/{id}`, access: 'public', security: ES_AUTHORIZED, summary: 'Delete a finished job' })
    .addVersion(
      { version: API_VERSION, validate: { request: { params: validateWith(jobIdParamsSchema) } } },
      guarded(async (context, request, response) => {
        const { jobs, credentials } = await getServices();
        await jobs.delete(request.params.id, await currentUser(context));
        await credentials.forget(request.params.id);
        return response.noContent();
      })
    );

  router.versioned
    .post({ path: `${path}/{id}/_cancel`, access: 'public', security: ES_AUTHORIZED, summary: 'Cancel a job or one item' })
    .addVersion(
      { version: API_VERSION, validate: { request: { params: validateWith(jobIdParamsSchema), body: validateWith(cancelJobSchema) } } },
      guarded(async (context, request, response) => {
        const services = await getServices();
        const client = await currentUser(context);
        const job = await services.jobs.cancel(request.params.id, client, request.body?.item_id);
        // A job that ended here needs its API key no longer (one still stopping loses it when it ends).
        if (FINISHED_JOB_STATUSES.includes(job.status)) await services.credentials.forget(job.id);
        return response.ok({ body: job });
      })
    );

  router.versioned
    .post({ path: `${path}/{id}/_retry`, access: 'public', security: ES_AUTHORIZED, summary: 'Retry failed or cancelled items' })
    .addVersion(
      { version: API_VERSION, validate: { request: { params: validateWith(jobIdParamsSchema), body: validateWith(retryJobSchema) } } },
      guarded(async (context, request, response) => {
        const services = await getServices();
        // A key is granted only for a job that exists (and, through the route's check, that the caller may change).
        await services.jobs.get(request.params.id);
        await actAsUser(services, request.params.id, request, await currentUser(context));
        return response.ok({
          body: await services.jobs.retry(request.params.id, request.body?.mode ?? 'resume', request.body?.item_ids),
        });
      })
    );

  router.versioned
    .get({ path: `${path}/{id}/cleanup`, access: 'public', security: ES_AUTHORIZED, summary: 'The restored_* copies of internal indices a restore job left' })
    .addVersion(
      { version: API_VERSION, validate: { request: { params: validateWith(jobIdParamsSchema) } } },
      guarded(async (context, request, response) => {
        const services = await getServices();
        return response.ok({ body: await services.jobs.cleanupPlan(request.params.id, await currentUser(context)) });
      })
    );

  router.versioned
    .post({ path: `${path}/{id}/_cleanup`, access: 'public', security: ES_AUTHORIZED, summary: 'Delete exactly the listed restored copies, after a verification' })
    .addVersion(
      { version: API_VERSION, validate: { request: { params: validateWith(jobIdParamsSchema), body: validateWith(cleanupSchema) } } },
      guarded(async (context, request, response) => {
        const services = await getServices();
        const verified = await services.verifications.completedFor(request.params.id);
        return response.ok({ body: await services.jobs.cleanup(request.params.id, request.body.indices, await currentUser(context), verified) });
      })
    );

  router.versioned
    .post({ path: `${path}/{id}/_reindex_into_place`, access: 'public', security: ES_AUTHORIZED, summary: 'Reindex restored copies of internal indices into the live ones (7.x destinations)' })
    .addVersion(
      { version: API_VERSION, validate: { request: { params: validateWith(jobIdParamsSchema), body: validateWith(intoPlaceSchema) } } },
      guarded(async (context, request, response) => {
        const services = await getServices();
        return response.ok({ body: await services.jobs.reindexIntoPlace(request.params.id, request.body ?? {}, await currentUser(context)) });
      })
    );

  router.versioned
    .post({ path: `${path}/{id}/_cutover`, access: 'public', security: ES_AUTHORIZED, summary: 'Cut a continuous job over: source read-only, final pass, reconciliation, verification, aliases' })
    .addVersion(
      { version: API_VERSION, validate: { request: { params: validateWith(jobIdParamsSchema), body: validateWith(cutoverSchema) } } },
      guarded(async (context, request, response) => {
        const services = await getServices();
        // The runner carries the cutover out as the user who asked for it.
        await services.jobs.get(request.params.id);
        await actAsUser(services, request.params.id, request, await currentUser(context));
        return response.ok({ body: await services.jobs.cutover(request.params.id, request.body?.confirmation) });
      })
    );

  router.versioned
    .post({ path: `${path}/{id}/_rollback`, access: 'public', security: ES_AUTHORIZED, summary: "Roll a continuous job's cutover back: the source's write block lifted" })
    .addVersion(
      { version: API_VERSION, validate: { request: { params: validateWith(jobIdParamsSchema) } } },
      guarded(async (context, request, response) => {
        const services = await getServices();
        await services.jobs.get(request.params.id);
        await actAsUser(services, request.params.id, request, await currentUser(context));
        return response.ok({ body: await services.jobs.rollback(request.params.id) });
      })
    );

  router.versioned
    .post({ path: `${path}/{id}/_rethrottle`, access: 'public', security: ES_AUTHORIZED, summary: 'Change the throttle of running items' })
    .addVersion(
      { version: API_VERSION, validate: { request: { params: validateWith(jobIdParamsSchema), body: validateWith(rethrottleSchema) } } },
      guarded(async (context, request, response) => {
        const services = await getServices();
        const client = await currentUser(context);
        return response.ok({ body: await services.jobs.rethrottle(request.params.id, request.body.requests_per_second, client) });
      })
    );
};
