/* Request schemas of the jobs API (zod). Range rules that need the server's limits live in the engine too. */
import { z } from 'zod';
import { MAX_CONCURRENCY } from '../constants';
import { MAX_RENAME_REPLACEMENT_LENGTH, renamePatternProblem } from '../lib/rename';

/**
 * An id the API gave out (a UUID for sources, jobs and verifications): text an Elasticsearch document id can
 * carry in a URL, so no control characters and no unpaired surrogate (which no URL can encode).
 */
export const recordIdSchema = (field: string) =>
  z
    .string({ message: `${field} is required` })
    .min(1, `${field} must not be empty`)
    .max(512, `${field} must be at most 512 characters`)
    .refine((id) => ![...id].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f || (char.length === 1 && /[\ud800-\udfff]/.test(char))), {
      message: `${field} must be an id as the API gives it (no control characters or unpaired surrogates)`,
    });

/** Every rename pattern (reindex jobs, preflight, restores, the UI's forms): RE2 syntax, bounded. */
export const renamePatternSchema = z.string({ message: 'pattern is required' }).superRefine((pattern, context) => {
  const problem = renamePatternProblem(pattern);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

export const renameReplacementSchema = z.string({ message: 'replacement is required' }).max(MAX_RENAME_REPLACEMENT_LENGTH);

/** A reindex rename rule: `rename.pattern` and `rename.replacement`. */
export const renameRuleSchema = z.object({ pattern: renamePatternSchema, replacement: renameReplacementSchema }).strict();

/** A continuous job's options (issue 16): the change field per job or per index, the safety margin, the pass interval. */
export const continuousOptionsSchema = z
  .object({
    change_field: z.string().trim().min(1, 'must not be empty').max(1000).optional(),
    change_fields: z.record(z.string().min(1), z.string().trim().min(1, 'must not be empty').max(1000)).optional(),
    safety_margin_seconds: z.number().int().min(0).max(86_400).optional(),
    numeric_safety_margin: z.number().min(0).optional(),
    pass_interval_seconds: z.number().int().min(0).max(86_400).optional(),
  })
  .strict()
  .refine((options) => options.change_field !== undefined || Object.keys(options.change_fields ?? {}).length > 0, {
    message: 'give the change field of every index (change_field), or one per index (change_fields)',
    path: ['change_field'],
  });

export const reindexOptionsSchema = z
  .object({
    concurrency: z.number().int().min(1).max(MAX_CONCURRENCY),
    requests_per_second: z.number().refine((v) => v === -1 || v > 0, { message: 'must be greater than 0, or -1 for no throttle' }),
    batch_size: z.number().int().min(1).max(10_000),
    prepare_destination: z.boolean(),
    conflicts: z.enum(['abort', 'proceed']),
    partition_threshold_docs: z.number().int().min(0),
    continuous: continuousOptionsSchema,
  })
  .partial()
  .strict();

export const reindexJobSchema = z
  .object({
    type: z.literal('reindex'),
    source_id: recordIdSchema('source_id'),
    items: z
      .array(z.object({ source: z.string().trim().min(1), dest: z.string().trim().min(1).optional() }).strict())
      .min(1, 'must list at least one index, alias, data stream or pattern')
      .max(10_000),
    include_system: z.boolean().optional(),
    include_hidden: z.boolean().optional(),
    rename: renameRuleSchema.optional(),
    options: reindexOptionsSchema.optional(),
    confirmation: z.string().max(10_000).optional(),
  })
  .strict();

export const createJobQuerySchema = z.object({ dry_run: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }).strict();

export const jobIdParamsSchema = z.object({ id: recordIdSchema('id') }).strict();

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
    rename_pattern: renamePatternSchema.optional(),
    rename_replacement: renameReplacementSchema.optional(),
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

/** POST /jobs/{id}/_cutover: the typed confirmation (cutoverConfirmation of the job's source indices). */
export const cutoverSchema = z.object({ confirmation: z.string().max(100_000).optional() }).strict();

export const intoPlaceSchema = z.object({ safety_repository: z.string().min(1).optional(), confirmation: z.string().optional() }).strict();
