/* /api/migration_assistant/verifications: reports proving what a migration moved (http_api.md, Verification). */
import { API_BASE_PATH, API_VERSION } from '../../common/constants';
import { verificationMarkdown } from '../../common/lib/verification_markdown';
import { verificationFormatQuerySchema, verificationIdParamsSchema, verificationRequestSchema } from '../../common/schemas/verifications';
import { z } from 'zod';
import type { RouteDependencies } from './types';
import { mayReadSecurity } from './authorization';
import { currentUser, ES_AUTHORIZED, guarded, validateWith } from './route_helpers';
import { withoutUsersAndRoles } from '../lib/verification/redaction';

const listQuerySchema = z
  .object({ page: z.coerce.number().int().min(1).optional(), per_page: z.coerce.number().int().min(1).max(100).optional() })
  .strict()
  .optional();

export const registerVerificationRoutes = ({ router, getServices }: RouteDependencies): void => {
  const path = `${API_BASE_PATH}/verifications`;
  router.versioned
    .post({ path, access: 'public', security: ES_AUTHORIZED, summary: 'Verify a job (or index pairs): counts, mappings, sampled documents, users, roles, saved objects' })
    .addVersion(
      { version: API_VERSION, validate: { request: { body: validateWith(verificationRequestSchema) } } },
      guarded(async (context, request, response) => {
        const { verifications } = await getServices();
        return response.custom({ statusCode: 201, body: await verifications.create(request.body, await currentUser(context)) });
      })
    );

  router.versioned
    .get({ path, access: 'public', security: ES_AUTHORIZED, summary: 'List verifications, newest first' })
    .addVersion(
      { version: API_VERSION, validate: { request: { query: validateWith(listQuerySchema) } } },
      guarded(async (_context, request, response) => {
        const { verifications } = await getServices();
        return response.ok({ body: await verifications.list(request.query?.page, request.query?.per_page) });
      })
    );

  router.versioned
    .get({ path: `${path}/{id}`, access: 'public', security: ES_AUTHORIZED, summary: 'A verification report, as JSON or Markdown (?format=markdown)' })
    .addVersion(
      {
        version: API_VERSION,
        validate: { request: { params: validateWith(verificationIdParamsSchema), query: validateWith(verificationFormatQuerySchema) } },
      },
      guarded(async (context, request, response) => {
        const { verifications } = await getServices();
        const client = await currentUser(context);
        const full = await verifications.get(request.params.id, client);
        // Users and roles of both clusters are shown only to a reader who may read security.
        const report = (await mayReadSecurity(client)) ? full : withoutUsersAndRoles(full);
        if (request.query?.format === 'markdown') {
          return response.ok({
            body: verificationMarkdown(report),
            headers: {
              'content-type': 'text/markdown; charset=utf-8',
              'content-disposition': `attachment; filename="migration-verification-${report.id}.md"`,
            },
          });
        }
        return response.ok({ body: report });
      })
    );

  router.versioned
    .delete({ path: `${path}/{id}`, access: 'public', security: ES_AUTHORIZED, summary: 'Delete a finished verification' })
    .addVersion(
      { version: API_VERSION, validate: { request: { params: validateWith(verificationIdParamsSchema) } } },
      guarded(async (_context, request, response) => {
        const { verifications } = await getServices();
        await verifications.delete(request.params.id);
        return response.noContent();
      })
    );
};
