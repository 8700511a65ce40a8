/* Request schemas of the saved objects API (zod): each failure names its field. */
import { z } from 'zod';
import { recordIdSchema } from './jobs';

/** At most this many objects per request (Kibana's own default `savedObjects.maxImportExportSize`). */
export const MAX_SELECTED_OBJECTS = 10_000;

/** Kibana's space ids: lower-case letters, digits, `_` and `-` (spaces plugin, space_schema.ts). */
export const spaceIdSchema = (field: string) =>
  z
    .string({ message: `${field} is required` })
    .min(1, `${field} must not be empty`)
    .max(1_000, `${field} must be at most 1000 characters`)
    .regex(/^[a-z0-9_-]+$/, `${field} must be a space id: lower-case letters, digits, "_" and "-"`);

const typeSchema = z
  .string({ message: 'type is required' })
  .min(1, 'type must not be empty')
  .max(100, 'type must be at most 100 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'type must be a saved object type name such as "dashboard" or "index-pattern"');

const objectIdSchema = z
  .string({ message: 'id is required' })
  .min(1, 'id must not be empty')
  .max(1_024, 'id must be at most 1024 characters')
  .refine((id) => ![...id].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f || (char.length === 1 && /[\ud800-\udfff]/.test(char))), {
    message: 'id must not contain control characters or unpaired surrogates',
  });

const indexNameSchema = z
  .string({ message: 'index is required' })
  .min(1, 'index must not be empty')
  .max(255, 'index must be at most 255 characters')
  .regex(/^[^\s,*"<>|?\\/#]+$/, 'index must be one index or alias name (no wildcards, commas or spaces), such as "restored_.kibana_7.17.9_001"');

export const savedObjectsFromSchema = z.union(
  [z.object({ source_id: recordIdSchema('source_id') }).strict(), z.object({ index: indexNameSchema }).strict()],
  { errorMap: () => ({ message: 'send { "source_id": "<a saved source>" } or { "index": "<a restored copy of .kibana on this cluster>" }' }) }
);

export const savedObjectKeySchema = z.object({ type: typeSchema, id: objectIdSchema, space: spaceIdSchema('space') }).strict();

export const savedObjectsImportModeSchema = z.enum(['overwrite', 'create_new_copies', 'keep_existing'], {
  errorMap: () => ({ message: 'mode must be "overwrite", "create_new_copies" or "keep_existing"' }),
});

export const savedObjectsSelectionSchema = z
  .object({
    from: savedObjectsFromSchema,
    objects: z.array(savedObjectKeySchema).min(1, 'objects must list at least one saved object').max(MAX_SELECTED_OBJECTS, `objects may list at most ${MAX_SELECTED_OBJECTS} saved objects`),
    include_references: z.boolean().optional(),
    space: spaceIdSchema('space').optional(),
    mode: savedObjectsImportModeSchema.optional(),
  })
  .strict();

/** GET /saved_objects: `source_id` or `index` as query parameters. */
export const savedObjectsListQuerySchema = z
  .object({ source_id: recordIdSchema('source_id').optional(), index: indexNameSchema.optional() })
  .strict()
  .refine((query) => (query.source_id === undefined) !== (query.index === undefined), {
    message: 'send exactly one of source_id (a saved source) or index (a restored copy of .kibana on this cluster)',
    path: ['source_id'],
  });

export const savedObjectsVerifySchema = z
  .object({
    space: spaceIdSchema('space').optional(),
    objects: z
      .array(z.object({ type: typeSchema, id: objectIdSchema, title: z.string().max(10_000).optional() }).strict())
      .min(1, 'objects must list at least one saved object')
      .max(MAX_SELECTED_OBJECTS),
  })
  .strict();
