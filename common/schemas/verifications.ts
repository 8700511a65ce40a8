/* Request schemas of the verifications API (zod). */
import { z } from 'zod';
import { recordIdSchema } from './jobs';

export const MAX_SAMPLE_SIZE = 10_000;
export const DEFAULT_SAMPLE_SIZE = 100;

export const verificationRequestSchema = z
  .object({
    job_id: recordIdSchema('job_id').optional(),
    source_id: recordIdSchema('source_id').optional(),
    indices: z
      .array(z.object({ source: z.string().trim().min(1), dest: z.string().trim().min(1).optional() }).strict())
      .min(1, 'must list at least one index pair')
      .max(1_000)
      .optional(),
    sample_size: z.number().int().min(0).max(MAX_SAMPLE_SIZE).optional(),
    saved_objects_from: z
      .discriminatedUnion('cluster', [
        z.object({ cluster: z.literal('source') }).strict(),
        z.object({ cluster: z.literal('destination'), index: z.string().trim().min(1) }).strict(),
      ])
      .optional(),
  })
  .strict()
  .refine((body) => body.job_id !== undefined || (body.source_id !== undefined && body.indices !== undefined), {
    message: 'send { job_id } to verify a job, or { source_id, indices } to compare indices directly',
    path: ['job_id'],
  });

export const verificationIdParamsSchema = z.object({ id: recordIdSchema('id') }).strict();

export const verificationFormatQuerySchema = z
  .object({ format: z.enum(['json', 'markdown']).optional() })
  .strict()
  .optional();
