/* Progress arithmetic shared by the runner (which records it) and the UI (which shows it). */

export interface ProgressSample {
  /** Epoch milliseconds. */
  at: number;
  done: number;
}

/** The recent span the current rate is computed over, kept at full resolution by `addSample`. */
export const RATE_WINDOW_MS = 30_000;
/** At most this many samples are kept on an item, spread over its whole run. */
export const MAX_SAMPLES = 120;
/** Of the samples inside the rate window, at most this many newest ones are protected from thinning. */
const MAX_RECENT_KEPT = 20;

/**
 * The current documents per second: from the oldest sample within `windowMs` of the newest one to the newest
 * (or from the last sample before the window, when the window holds only the newest); 0 until two samples exist.
 */
export const docsPerSecond = (samples: readonly ProgressSample[], windowMs = RATE_WINDOW_MS): number => {
  if (samples.length < 2) return 0;
  const last = samples[samples.length - 1] as ProgressSample;
  let firstIndex = samples.findIndex((s) => last.at - s.at <= windowMs);
  if (firstIndex === samples.length - 1) firstIndex -= 1;
  const first = samples[firstIndex] as ProgressSample;
  const seconds = (last.at - first.at) / 1000;
  if (seconds <= 0) return 0;
  return Math.max(0, (last.done - first.done) / seconds);
};

/** Epoch milliseconds of an ISO date or epoch number; undefined when absent or unparsable. */
const toMs = (value: string | number | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
};

/**
 * The average documents per second of a finished run: `done` ÷ (`finishedAt` − `startedAt`).
 * Undefined when either time is missing or the run took no time.
 */
export const averageDocsPerSecond = (
  done: number,
  startedAt: string | number | undefined,
  finishedAt: string | number | undefined
): number | undefined => {
  const start = toMs(startedAt);
  const end = toMs(finishedAt);
  if (start === undefined || end === undefined || end <= start) return undefined;
  return Math.max(0, done) / ((end - start) / 1000);
};

/** Seconds until `total` at the given rate; undefined while the rate is unknown. */
export const etaSeconds = (done: number, total: number, rate: number): number | undefined => {
  if (total <= done) return 0;
  if (rate <= 0) return undefined;
  return Math.ceil((total - done) / rate);
};

export const percent = (done: number, total: number): number =>
  total <= 0 ? 0 : Math.min(100, Math.floor((done / total) * 1000) / 10);

/**
 * Appends a sample to the history of a run, keeping at most `maxSamples` spread over the whole run: over the
 * limit, the sample whose removal leaves the smallest gap is dropped. The first and the last samples are always
 * kept, and so are the newest ones within `windowMs` (up to 20), which the current rate is computed over.
 */
export const addSample = (
  samples: readonly ProgressSample[],
  sample: ProgressSample,
  windowMs = RATE_WINDOW_MS,
  maxSamples = MAX_SAMPLES
): ProgressSample[] => {
  const next = [...samples, sample];
  const limit = Math.max(2, maxSamples);
  while (next.length > limit) {
    const last = next.length - 1;
    // The protected recent samples: within the window, at most MAX_RECENT_KEPT, never all the interior.
    let protectedFrom = last;
    while (
      protectedFrom - 1 > 1 &&
      last - (protectedFrom - 1) <= Math.min(MAX_RECENT_KEPT, limit - 3) &&
      sample.at - (next[protectedFrom - 1] as ProgressSample).at <= windowMs
    ) {
      protectedFrom -= 1;
    }
    let drop = 1;
    let smallest = Infinity;
    for (let i = 1; i < protectedFrom; i++) {
      const gap = (next[i + 1] as ProgressSample).at - (next[i - 1] as ProgressSample).at;
      if (gap < smallest) {
        smallest = gap;
        drop = i;
      }
    }
    next.splice(drop, 1);
  }
  return next;
};

export interface ThroughputPoint {
  /** Epoch milliseconds: the start of the interval the rate holds over (the last point ends the series). */
  at: number;
  rate: number;
}

/** Documents done by `at`, interpolated linearly between the samples around it (from `cursor` on, moved forward). */
const doneAt = (samples: readonly ProgressSample[], at: number, cursor: { index: number }): number => {
  const first = samples[0] as ProgressSample;
  const last = samples[samples.length - 1] as ProgressSample;
  if (at <= first.at) return first.done;
  if (at >= last.at) return last.done;
  while ((samples[cursor.index + 1] as ProgressSample).at < at) cursor.index += 1;
  const a = samples[cursor.index] as ProgressSample;
  const b = samples[cursor.index + 1] as ProgressSample;
  return b.at === a.at ? b.done : a.done + ((b.done - a.done) * (at - a.at)) / (b.at - a.at);
};

/**
 * The throughput of several runs together (e.g. the items of a job, each with its own history, oldest first) over
 * their whole span, as a step series of at most `maxPoints` intervals: each point holds the documents per second from
 * its time to the next point's, and the last point repeats the last rate at the end of the span. Empty when no run
 * has two samples.
 */
export const throughputSeries = (histories: ReadonlyArray<readonly ProgressSample[]>, maxPoints = 150): ThroughputPoint[] => {
  const runs = histories.filter((samples) => samples.length >= 2);
  const times = [...new Set(runs.flatMap((samples) => samples.map((s) => s.at)))].sort((a, b) => a - b);
  if (times.length < 2) return [];
  const start = times[0] as number;
  const end = times[times.length - 1] as number;
  const intervals = Math.max(1, maxPoints);
  const bounds = times.length - 1 <= intervals ? times : Array.from({ length: intervals + 1 }, (_, i) => (i === intervals ? end : start + ((end - start) * i) / intervals));
  const cursors = runs.map(() => ({ index: 0 }));
  const totals = bounds.map((at) => runs.reduce((sum, samples, i) => sum + doneAt(samples, at, cursors[i] as { index: number }), 0));
  const points: ThroughputPoint[] = [];
  for (let i = 0; i < bounds.length - 1; i++) {
    const seconds = ((bounds[i + 1] as number) - (bounds[i] as number)) / 1000;
    const rate = seconds > 0 ? Math.max(0, ((totals[i + 1] as number) - (totals[i] as number)) / seconds) : 0;
    points.push({ at: bounds[i] as number, rate });
  }
  points.push({ at: end, rate: (points[points.length - 1] as ThroughputPoint).rate });
  return points;
};
