/*
 * What the guided flow has gathered so far. Kept in sessionStorage so a reload (or a step's URL opened
 * again) resumes where the user was.
 */
import type { ReindexJobRequest, ReindexOptions } from '../../../../common/types/jobs';

export interface FlowState {
  sourceId?: string;
  sourceName?: string;
  indices: string[];
  rename?: { pattern: string; replacement: string };
  /** Destination names typed for single indices; they win over the rename rule. */
  destNames?: Record<string, string>;
  options: Partial<ReindexOptions>;
}

const KEY = 'migrationAssistant.guidedFlow';
/** Concurrency, batch size and partitioning left out: the server chooses them from the destination and the data. */
export const EMPTY_FLOW: FlowState = { indices: [], options: { requests_per_second: -1, prepare_destination: true, conflicts: 'abort' } };

export const loadFlow = (): FlowState => {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    return raw ? { ...EMPTY_FLOW, ...(JSON.parse(raw) as FlowState) } : EMPTY_FLOW;
  } catch {
    return EMPTY_FLOW;
  }
};

export const saveFlow = (state: FlowState): void => window.sessionStorage.setItem(KEY, JSON.stringify(state));
export const clearFlow = (): void => window.sessionStorage.removeItem(KEY);

export const toJobRequest = (state: FlowState): ReindexJobRequest => ({
  type: 'reindex',
  source_id: state.sourceId ?? '',
  items: state.indices.map((source) => {
    const dest = state.destNames?.[source]?.trim();
    return dest ? { source, dest } : { source };
  }),
  ...(state.rename?.pattern ? { rename: state.rename } : {}),
  options: state.options,
});

export const STEPS = ['connect', 'select', 'options', 'preflight', 'review'] as const;
export type Step = (typeof STEPS)[number];
