/* Progress arithmetic shared by the runner (which records it) and the UI (which shows it). */

export interface ProgressSample {
  /** Epoch milliseconds. */
  at: number;
  done: number;
}

/** Documents per second over the given samples (oldest first); 0 until two samples exist. */
export const docsPerSecond = (samples: readonly ProgressSample[]): number => {
  if (samples.length < 2) return 0;
  const first = samples[0] as ProgressSample;
  const last = samples[samples.length - 1] as ProgressSample;
  const seconds = (last.at - first.at) / 1000;
  if (seconds <= 0) return 0;
  return Math.max(0, (last.done - first.done) / seconds);
};

/** Seconds until `total` at the given rate; undefined while the rate is unknown. */
export const etaSeconds = (done: number, total: number, rate: number): number | undefined => {
  if (total <= done) return 0;
  if (rate <= 0) return undefined;
  return Math.ceil((total - done) / rate);
};

export const percent = (done: number, total: number): number =>
  total <= 0 ? 0 : Math.min(100, Math.floor((done / total) * 1000) / 10);

/** Keeps the recent samples that a rate is computed over (a sliding window). */
export const addSample = (
  samples: readonly ProgressSample[],
  sample: ProgressSample,
  windowMs = 30_000
): ProgressSample[] => [...samples.filter((s) => sample.at - s.at <= windowMs), sample];
