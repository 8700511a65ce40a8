/*
 * What every route shares: zod schemas as Kibana route validation functions, the security declaration
 * of routes whose work Elasticsearch authorizes, and the one place errors become responses.
 */
import type { IKibanaResponse, KibanaResponseFactory, RequestHandler, RequestHandlerContext, RouteValidationFunction } from '@kbn/core/server';
import type { ZodType, ZodTypeDef } from 'zod';
import type { ErrorAttributes } from '../../common/types/errors';
import { EsClient, isResponseError } from '../lib/es_client';
import { isMigrationError } from '../lib/migration_error';

/** The current user's Elasticsearch client (Kibana's request-scoped asCurrentUser). */
export const currentUser = async (context: RequestHandlerContext): Promise<EsClient> => (await context.core).elasticsearch.client.asCurrentUser as EsClient;

/** Engine calls run as the current user, so Elasticsearch's own privileges decide. */
export const ES_AUTHORIZED = {
  authz: {
    enabled: false,
    reason: 'Relies on Elasticsearch for authorization: every call runs as the current user, after its cluster privileges were checked with _has_privileges (authorization.ts)',
  },
} as const;

interface ZodIssueLike {
  path: PropertyKey[];
  message: string;
}

/**
 * Kibana puts `[request <part>.<path>]: ` before a validation function's error (RouteValidator in
 * router-server-internal validator.ts), so the first issue goes out as its path and bare message, read
 * as `[request body.auth.password]: Required` like a config-schema failure; further issues follow it as
 * `; [path]: message`.
 */
export const formatIssues = (issues: readonly ZodIssueLike[]): { message: string; path: string[] } => {
  const [first, ...rest] = issues;
  const more = rest.map((issue) => (issue.path.length ? `[${issue.path.map(String).join('.')}]: ${issue.message}` : issue.message));
  return { message: [first?.message ?? 'invalid', ...more].join('; '), path: first ? first.path.map(String) : [] };
};

/** A zod schema as a Kibana route validation function: failures answer 400 naming the field. */
export const validateWith =
  <T, I = T>(schema: ZodType<T, ZodTypeDef, I>): RouteValidationFunction<T> =>
  (data, validationResult) => {
    const parsed = schema.safeParse(data ?? undefined);
    if (parsed.success) return validationResult.ok(parsed.data);
    const { message, path } = formatIssues(parsed.error.issues as ZodIssueLike[]);
    return validationResult.badRequest(message, path.length ? path : undefined);
  };

/** Engine errors and Elasticsearch errors as Kibana error responses; anything else is a real 500. */
export const errorResponse = (error: unknown, response: KibanaResponseFactory): IKibanaResponse => {
  if (isMigrationError(error)) {
    return response.customError({
      statusCode: error.statusCode,
      body: { message: error.message, attributes: error.attributes as unknown as Record<string, unknown> },
    });
  }
  if (isResponseError(error)) {
    const body = error.body?.error;
    const cause = typeof body === 'object' ? body : { reason: typeof body === 'string' ? body : error.message };
    const attributes: ErrorAttributes = { code: 'elasticsearch_error', es_error: { type: cause.type, reason: cause.reason } };
    return response.customError({
      statusCode: error.statusCode ?? error.meta?.statusCode ?? 500,
      body: { message: cause.reason ?? error.message, attributes: attributes as unknown as Record<string, unknown> },
    });
  }
  throw error;
};

/** A handler whose engine and Elasticsearch errors become responses (see errorResponse). */
export const guarded =
  <P, Q, B>(handler: RequestHandler<P, Q, B>): RequestHandler<P, Q, B> =>
  async (context, request, response) => {
    try {
      return await handler(context, request, response);
    } catch (error) {
      return errorResponse(error, response);
    }
  };
