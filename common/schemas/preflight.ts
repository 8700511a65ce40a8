/* Request schema of POST /preflight: reindex from remote, or a snapshot restore (http_api.md, Preflight). */
import { z } from 'zod';
import { continuousOptionsSchema, recordIdSchema, renameRuleSchema, snapshotRestoreJobSchema } from './jobs';

export const reindexPreflightSchema = z
  .object({
    method: z.literal('reindex'),
    source_id: recordIdSchema('source_id'),
    indices: z.array(z.string().trim().min(1)).min(1, 'must list at least one index, alias or pattern'),
    batch_size: z.number().int().min(1).max(10_000).optional(),
    rename: renameRuleSchema.optional(),
    continuous: continuousOptionsSchema.optional(),
  })
  .strict();

/** The restore job's own fields, checked before the job exists. */
export const snapshotPreflightSchema = snapshotRestoreJobSchema.omit({ type: true, confirmation: true }).extend({ method: z.literal('snapshot') }).strict();

export const preflightRequestSchema = z.discriminatedUnion('method', [reindexPreflightSchema, snapshotPreflightSchema]);
