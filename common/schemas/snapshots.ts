/* Request schemas of the repositories API. */
import { z } from 'zod';

const REPOSITORY_NAME = /^[a-z0-9][a-z0-9_.-]*$/;

export const repositoryNameParamsSchema = z
  .object({ name: z.string().regex(REPOSITORY_NAME, 'must be lowercase letters, digits, "_", "-" or "." and start with a letter or digit') })
  .strict();

export const repositoryInputSchema = z
  .object({
    type: z.string().trim().min(1, 'type is required (fs, url, s3, gcs, azure, ...)'),
    settings: z.record(z.string(), z.unknown()),
    readonly: z.boolean().optional(),
  })
  .strict();
