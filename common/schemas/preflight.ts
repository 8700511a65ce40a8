/* Request schema of POST /preflight (reindex method; the snapshot method comes with snapshot restore). */
import { z } from 'zod';

export const preflightRequestSchema = z
  .object({
    method: z.literal('reindex'),
    source_id: z.string().min(1),
    indices: z.array(z.string().trim().min(1)).min(1, 'must list at least one index, alias or pattern'),
    batch_size: z.number().int().min(1).max(10_000).optional(),
    rename: z.object({ pattern: z.string().min(1), replacement: z.string() }).strict().optional(),
  })
  .strict();
