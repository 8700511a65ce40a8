/*
 * Continuous reindex jobs (issue 16), the rules the server and the app share: the options' defaults, which
 * change field an index uses, and the phrase that confirms a cutover.
 */
import type { ContinuousOptions, ContinuousState, CutoverStepName } from '../types/jobs';

export const DEFAULT_SAFETY_MARGIN_SECONDS = 300;
export const DEFAULT_PASS_INTERVAL_SECONDS = 30;

export type ContinuousOptionsInput = Partial<ContinuousOptions>;

export const continuousOptions = (input: ContinuousOptionsInput): ContinuousOptions => ({
  ...(input.change_field !== undefined ? { change_field: input.change_field } : {}),
  ...(input.change_fields !== undefined ? { change_fields: input.change_fields } : {}),
  safety_margin_seconds: input.safety_margin_seconds ?? DEFAULT_SAFETY_MARGIN_SECONDS,
  numeric_safety_margin: input.numeric_safety_margin ?? 0,
  pass_interval_seconds: input.pass_interval_seconds ?? DEFAULT_PASS_INTERVAL_SECONDS,
});

/** The change field of a source index: its own, else the job's; undefined when neither is given. */
export const changeFieldOf = (options: Pick<ContinuousOptions, 'change_field' | 'change_fields'>, sourceIndex: string): string | undefined =>
  options.change_fields?.[sourceIndex] ?? options.change_field;

/** The phrase a user types to cut over: it names the source indices that become read-only. */
export const cutoverConfirmation = (sourceIndices: readonly string[]): string => `make ${[...new Set(sourceIndices)].sort().join(', ')} read-only`;

/** Whether a rollback can still lift the source's write block (until the destination's aliases moved). */
export const canRollBack = (state: ContinuousState | undefined): boolean =>
  state?.phase === 'cutting_over' && !state.aliases_moved && state.cutover?.status !== 'rolling_back';

/** Whether the user may start (or, after a stop, go on with) a cutover. */
export const canCutOver = (state: ContinuousState | undefined): boolean =>
  state?.phase === 'catching_up' || (state?.phase === 'cutting_over' && state.cutover?.status === 'waiting');

/** The step a cutover is at: the first one not completed. */
export const currentCutoverStep = (state: ContinuousState | undefined): CutoverStepName | undefined =>
  state?.cutover?.steps.find((step) => step.status !== 'completed')?.name;

/** Field types a change field may have: dates, and numbers that grow with every write. */
export const CHANGE_FIELD_TYPES = ['date', 'date_nanos', 'long', 'integer', 'short', 'byte', 'double', 'float', 'half_float', 'scaled_float', 'unsigned_long'];

export const isDateType = (type: string): boolean => type === 'date' || type === 'date_nanos';
