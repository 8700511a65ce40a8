/* Request schemas of the repositories API. */
import { z } from 'zod';

/**
 * The repository types of Elasticsearch and its official plugins (s3, gcs, azure built in from 8.0, hdfs a
 * plugin, source the source-only wrapper). Anything else reaches Elasticsearch only to fail as a 500.
 */
export const REPOSITORY_TYPES = ['fs', 'url', 's3', 'gcs', 'azure', 'hdfs', 'source'] as const;

const REPOSITORY_NAME = /^[a-z0-9][a-z0-9_.-]*$/;

export const repositoryNameParamsSchema = z
  .object({ name: z.string().regex(REPOSITORY_NAME, 'must be lowercase letters, digits, "_", "-" or "." and start with a letter or digit') })
  .strict();

export const repositoryInputSchema = z
  .object({
    type: z.enum(REPOSITORY_TYPES, {
      errorMap: () => ({ message: `must be one of the repository types Elasticsearch knows: ${REPOSITORY_TYPES.join(', ')}` }),
    }),
    settings: z.record(z.string(), z.unknown()),
    readonly: z.boolean().optional(),
  })
  .strict();
