import { addSample, averageDocsPerSecond, docsPerSecond, etaSeconds, MAX_SAMPLES, percent, ProgressSample, throughputSeries } from './progress';

/** The samples a run polled every `everyMs` at `rate` docs/s records through addSample. */
const record = (count: number, everyMs: number, rate: number, maxSamples?: number): ProgressSample[] => {
  let samples: ProgressSample[] = [{ at: 0, done: 0 }];
  for (let i = 1; i <= count; i++) samples = addSample(samples, { at: i * everyMs, done: (i * everyMs * rate) / 1000 }, undefined, maxSamples);
  return samples;
};

describe('progress arithmetic', () => {
  it('computes docs/s over the sample window and an ETA', () => {
    const samples = [{ at: 0, done: 0 }, { at: 2_000, done: 1_000 }, { at: 4_000, done: 3_000 }];
    expect(docsPerSecond(samples)).toBe(750);
    expect(etaSeconds(3_000, 6_000, 750)).toBe(4);
    expect(etaSeconds(10, 10, 0)).toBe(0);
    expect(etaSeconds(0, 10, 0)).toBeUndefined();
    expect(docsPerSecond([{ at: 0, done: 5 }])).toBe(0);
  });

  it('computes the current rate over the recent window only, whatever history precedes it', () => {
    // 100 docs/s for 60 s, then 1,000 docs/s for the last 30 s.
    const samples = [{ at: 0, done: 0 }, { at: 60_000, done: 6_000 }, { at: 75_000, done: 21_000 }, { at: 90_000, done: 36_000 }];
    expect(docsPerSecond(samples)).toBe(1_000);
    // A window with only the newest sample falls back to the one before it.
    expect(docsPerSecond([{ at: 0, done: 0 }, { at: 60_000, done: 6_000 }])).toBe(100);
    expect(docsPerSecond([{ at: 0, done: 10 }, { at: 0, done: 20 }])).toBe(0);
  });

  it('computes the average rate of a finished run from its start and finish times', () => {
    expect(averageDocsPerSecond(12_000, '2026-01-01T00:00:00.000Z', '2026-01-01T00:02:00.000Z')).toBe(100);
    expect(averageDocsPerSecond(500, 1_000, 6_000)).toBe(100);
    expect(averageDocsPerSecond(500, undefined, '2026-01-01T00:02:00.000Z')).toBeUndefined();
    expect(averageDocsPerSecond(500, '2026-01-01T00:02:00.000Z', undefined)).toBeUndefined();
    expect(averageDocsPerSecond(500, 'not a date', '2026-01-01T00:02:00.000Z')).toBeUndefined();
    expect(averageDocsPerSecond(500, 6_000, 6_000)).toBeUndefined();
    expect(averageDocsPerSecond(0, 0, 10_000)).toBe(0);
  });

  it('keeps the whole history while it is under the limit', () => {
    const kept = addSample([{ at: 0, done: 0 }, { at: 40_000, done: 10 }], { at: 50_000, done: 20 }, 30_000);
    expect(kept.map((s) => s.at)).toEqual([0, 40_000, 50_000]);
  });

  it('never keeps more than the limit, keeps the first and last samples, and spreads the rest over the whole run', () => {
    // Two hours polled every 2 s: 3,600 samples offered.
    const samples = record(3_600, 2_000, 500);
    expect(samples).toHaveLength(MAX_SAMPLES);
    expect(samples[0]).toEqual({ at: 0, done: 0 });
    expect(samples[samples.length - 1]).toEqual({ at: 7_200_000, done: 3_600_000 });
    const ats = samples.map((s) => s.at);
    expect([...ats].sort((a, b) => a - b)).toEqual(ats);
    // Spread: no gap is more than three times the even spacing, and every quarter of the run has samples.
    const even = 7_200_000 / (MAX_SAMPLES - 1);
    const gaps = ats.slice(1).map((at, i) => at - (ats[i] as number));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(3 * even);
    for (let q = 0; q < 4; q++) expect(ats.filter((at) => at >= q * 1_800_000 && at < (q + 1) * 1_800_000).length).toBeGreaterThan(MAX_SAMPLES / 8);
    // The newest 30 s stay at full resolution, so the current rate is still exact.
    expect(ats.filter((at) => at >= 7_200_000 - 30_000)).toHaveLength(16);
    expect(docsPerSecond(samples)).toBe(500);
  });

  it('honours a smaller limit and a window that would fill it', () => {
    const samples = record(500, 100, 10, 10);
    expect(samples).toHaveLength(10);
    expect(samples[0]?.at).toBe(0);
    expect(samples[9]?.at).toBe(50_000);
    expect(samples.some((s) => s.at < 25_000 && s.at > 0)).toBe(true);
  });

  it('draws the throughput of several runs over their whole span', () => {
    // Item a: 100 docs/s from 0 to 10 s; item b: 300 docs/s from 5 s to 15 s.
    const a = [{ at: 0, done: 0 }, { at: 5_000, done: 500 }, { at: 10_000, done: 1_000 }];
    const b = [{ at: 5_000, done: 0 }, { at: 10_000, done: 1_500 }, { at: 15_000, done: 3_000 }];
    expect(throughputSeries([a, b])).toEqual([
      { at: 0, rate: 100 },
      { at: 5_000, rate: 400 },
      { at: 10_000, rate: 300 },
      { at: 15_000, rate: 300 },
    ]);
    expect(throughputSeries([a, [{ at: 3_000, done: 0 }], []])).toEqual([
      { at: 0, rate: 100 },
      { at: 5_000, rate: 100 },
      { at: 10_000, rate: 100 },
    ]);
    expect(throughputSeries([[{ at: 0, done: 0 }]])).toEqual([]);
  });

  it('resamples a long history to at most the given number of intervals, keeping the average', () => {
    const samples = record(3_600, 2_000, 500);
    const series = throughputSeries([samples], 50);
    expect(series).toHaveLength(51);
    expect(series[0]?.at).toBe(0);
    expect(series[50]?.at).toBe(7_200_000);
    for (const point of series) expect(point.rate).toBeCloseTo(500, 6);
  });

  it('rounds percentages down to a tenth and caps them', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(5, 0)).toBe(0);
    expect(percent(7, 5)).toBe(100);
  });
});
