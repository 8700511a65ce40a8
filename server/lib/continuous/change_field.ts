/*
 * The change field of a continuous job, read on the source: how each selected index maps it, and how many
 * of its documents lack it (a document without it is never seen by a catch-up pass). Used by the job's plan
 * (a 400 naming the field) and the preflight (a failed check naming the index and the count).
 */
import { CHANGE_FIELD_TYPES, changeFieldOf, isDateType } from '../../../common/lib/continuous';
import type { ContinuousOptions, JobItem } from '../../../common/types/jobs';
import type { EsClient } from '../es_client';
import { MigrationError } from '../migration_error';

export interface ChangeFieldReport {
  index: string;
  field?: string;
  /** The mapped type; undefined when the index does not map the field. */
  type?: string;
  /** Documents without a value in the field. */
  missing?: number;
  problem?: 'no_field' | 'unmapped' | 'wrong_type' | 'missing_values';
}

type FieldMappings = Record<string, { mappings?: Record<string, { mapping?: Record<string, { type?: string }> }> }>;

/** The field's mapped type in one index (the leaf of a dotted name included), or undefined. */
export const mappedType = (response: FieldMappings, index: string, field: string): string | undefined => {
  const entry = response[index]?.mappings?.[field]?.mapping;
  if (!entry) return undefined;
  return Object.values(entry)[0]?.type;
};

export const readChangeField = async (source: EsClient, index: string, field: string | undefined): Promise<ChangeFieldReport> => {
  if (!field) return { index, problem: 'no_field' };
  const mapping = (await source.indices.getFieldMapping({ index, fields: field })) as unknown as FieldMappings;
  const type = mappedType(mapping, index, field) ?? mappedType(mapping, Object.keys(mapping)[0] ?? index, field);
  if (!type) return { index, field, problem: 'unmapped' };
  if (!CHANGE_FIELD_TYPES.includes(type)) return { index, field, type, problem: 'wrong_type' };
  const { count } = await source.count({ index, query: { bool: { must_not: { exists: { field } } } } });
  return { index, field, type, missing: count, ...(count > 0 ? { problem: 'missing_values' as const } : {}) };
};

export const readChangeFields = (source: EsClient, indices: readonly string[], options: Pick<ContinuousOptions, 'change_field' | 'change_fields'>): Promise<ChangeFieldReport[]> =>
  Promise.all(indices.map((index) => readChangeField(source, index, changeFieldOf(options, index))));

/** What is wrong with an index's change field, in words (undefined when nothing is). */
export const changeFieldProblem = (report: ChangeFieldReport): string | undefined => {
  switch (report.problem) {
    case 'no_field':
      return `[${report.index}] has no change field: give change_field, or change_fields.${report.index}`;
    case 'unmapped':
      return `[${report.index}] does not map [${report.field}]`;
    case 'wrong_type':
      return `[${report.index}] maps [${report.field}] as ${report.type}; a change field is a date or a number`;
    case 'missing_values':
      return `[${report.index}] has ${report.missing} documents without [${report.field}], which no catch-up pass would see`;
    default:
      return undefined;
  }
};

/** The options field a problem is about: the index's own change field if it has one, else the job's. */
const fieldOf = (options: Pick<ContinuousOptions, 'change_fields'>, index: string): string =>
  options.change_fields?.[index] !== undefined ? `options.continuous.change_fields.${index}` : 'options.continuous.change_field';

/**
 * A continuous job's plan, checked on the source: no data stream (reindex only appends to one), and every
 * index maps its change field as a date or number with a value in every document. A 400 naming the field
 * and the fix otherwise. Returns each destination's field and type.
 */
export const checkContinuousPlan = async (
  source: EsClient,
  items: readonly JobItem[],
  options: ContinuousOptions
): Promise<Record<string, { field: string; type: 'date' | 'number' }>> => {
  const streams = items.filter((item) => item.op_type === 'create').map((item) => item.source);
  if (streams.length > 0) {
    throw new MigrationError('validation_failed', `[options.continuous]: ${[...new Set(streams)].join(', ')} are data streams, which reindex only appends to: a continuous job copies indices`, 400, {
      field: 'options.continuous',
      remedy: 'Migrate data streams in a job of their own (not continuous), or select their backing indices.',
    });
  }
  const indices = [...new Set(items.map((item) => item.source))];
  const reports = await readChangeFields(source, indices, options);
  for (const report of reports) {
    const problem = changeFieldProblem(report);
    if (!problem) continue;
    throw new MigrationError('validation_failed', `[${fieldOf(options, report.index)}]: ${problem}`, 400, {
      field: fieldOf(options, report.index),
      remedy:
        report.problem === 'missing_values'
          ? `Set the field on every document (an update by query, or an ingest pipeline), choose another field for [${report.index}] (change_fields), or copy it in a job that is not continuous.`
          : `Choose a date or numeric field that every write of [${report.index}] sets to a growing value (such as @timestamp or updated_at).`,
    });
  }
  const byIndex = new Map(reports.map((report) => [report.index, report]));
  return Object.fromEntries(
    items.map((item) => {
      const report = byIndex.get(item.source) as ChangeFieldReport;
      return [item.dest, { field: report.field as string, type: isDateType(report.type ?? '') ? ('date' as const) : ('number' as const) }];
    })
  );
};
