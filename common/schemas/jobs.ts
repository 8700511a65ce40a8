/* Request schemas of the jobs API (zod). Range rules that need the server's limits live in the engine too. */
import { z } from 'zod';
import { MAX_CONCURRENCY } from '../constants';

export const reindexOptionsSchema = z
  .object({
    concurrency: z.number().int().min(1).max(MAX_CONCURRENCY),
    requests_per_second: z.number().refine((v) => v === -1 || v > 0, { message: 'must be greater than 0, or -1 for no throttle' }),
    batch_size: z.number().int().min(1).max(10_000),
    prepare_destination: z.boolean(),
    conflicts: z.enum(['abort', 'proceed']),
    partition_threshold_docs: z.number().int().min(0),
  })
  .partial()
  .strict();

export const reindexJobSchema = z
  .object({
    type: z.literal('reindex'),
    source_id: z.string().min(1),
    items: z
      .array(z.object({ source: z.string().trim().min(1), dest: z.string().trim().min(1).optional() }).strict())
      .min(1, 'must list at least one index, alias, data stream or pattern')
      .max(10_000),
    include_system: z.boolean().optional(),
    include_hidden: z.boolean().optional(),
    rename: z
      .object({
        pattern: z.string().min(1).refine(isValidRegExp, { message: 'must be a valid regular expression' }),
        replacement: z.string(),
      })
      .strict()
      .optional(),
    options: reindexOptionsSchema.optional(),
  })
  .strict();

function isValidRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export const createJobQuerySchema = z.object({ dry_run: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }).strict();

export const jobIdParamsSchema = z.object({ id: z.string().min(1) }).strict();

export const listJobsQuerySchema = z
  .object({
    status: z.enum(['queued', 'running', 'paused', 'completed', 'failed', 'cancelled']).optional(),
    page: z.coerce.number().int().min(1).optional(),
    per_page: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();

export const cancelJobSchema = z.object({ item_id: z.string().min(1).optional() }).strict().optional();
export const retryJobSchema = z
  .object({ mode: z.enum(['resume', 'restart']).default('resume'), item_ids: z.array(z.string().min(1)).optional() })
  .strict()
  .optional();
export const rethrottleSchema = z
  .object({ requests_per_second: z.number().refine((v) => v === -1 || v > 0, { message: 'must be greater than 0, or -1 for no throttle' }) })
  .strict();

export const snapshotRestoreJobSchema = z
  .object({
    type: z.literal('snapshot_restore'),
    repository: z.string().min(1),
    snapshot: z.string().min(1),
    indices: z.array(z.string().trim().min(1)).default([]),
    rename_pattern: z.string().min(1).refine(isValidRegExp, { message: 'must be a valid regular expression' }).optional(),
    rename_replacement: z.string().optional(),
    include_aliases: z.boolean().optional(),
    index_settings: z.record(z.string(), z.unknown()).optional(),
    ignore_index_settings: z.array(z.string()).optional(),
    partial: z.boolean().optional(),
    overwrite_existing: z.boolean().optional(),
    feature_states: z.array(z.string().trim().min(1)).min(1).optional(),
    safety_repository: z.string().min(1).optional(),
    confirmation: z.string().optional(),
  })
  .strict();

export const jobRequestSchema = z.discriminatedUnion('type', [reindexJobSchema, snapshotRestoreJobSchema]);

export const cleanupSchema = z.object({ indices: z.array(z.string().min(1)) }).strict();

export const intoPlaceSchema = z.object({ safety_repository: z.string().min(1).optional(), confirmation: z.string().optional() }).strict();
