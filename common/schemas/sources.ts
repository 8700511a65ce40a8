/* Request schemas of the sources API (zod), shared by the routes and the UI's forms. */
import { z } from 'zod';
import { hostUrlProblem } from '../lib/allowlist';
import { recordIdSchema } from './jobs';

const nonEmpty = (field: string) => z.string({ message: `${field} is required` }).trim().min(1, `${field} must not be empty`);

export const sourceAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict(),
  z.object({ type: z.literal('basic'), username: nonEmpty('username'), password: nonEmpty('password') }).strict(),
  z.object({ type: z.literal('api_key'), api_key: nonEmpty('api_key') }).strict(),
]);

export const sourceInputSchema = z
  .object({
    name: nonEmpty('name').max(100),
    host: nonEmpty('host').superRefine((host, context) => {
      const problem = hostUrlProblem(host);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    }),
    auth: sourceAuthSchema,
    ca_certificate: z
      .string()
      .trim()
      .refine((pem) => pem.includes('-----BEGIN CERTIFICATE-----'), { message: 'must be a PEM certificate (-----BEGIN CERTIFICATE-----)' })
      .optional(),
  })
  .strict();

export const sourceIdParamsSchema = z.object({ id: recordIdSchema('id') }).strict();

export const sourceIndicesQuerySchema = z
  .object({
    pattern: z.string().optional(),
    page: z.coerce.number().int().min(1).optional(),
    per_page: z.coerce.number().int().min(1).max(1000).optional(),
    include_system: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    include_hidden: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  })
  .strict();
