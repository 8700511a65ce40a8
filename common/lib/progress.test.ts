import { addSample, docsPerSecond, etaSeconds, percent } from './progress';

describe('progress arithmetic', () => {
  it('computes docs/s over the sample window and an ETA', () => {
    const samples = [{ at: 0, done: 0 }, { at: 2_000, done: 1_000 }, { at: 4_000, done: 3_000 }];
    expect(docsPerSecond(samples)).toBe(750);
    expect(etaSeconds(3_000, 6_000, 750)).toBe(4);
    expect(etaSeconds(10, 10, 0)).toBe(0);
    expect(etaSeconds(0, 10, 0)).toBeUndefined();
    expect(docsPerSecond([{ at: 0, done: 5 }])).toBe(0);
  });
  it('keeps only recent samples', () => {
    const kept = addSample([{ at: 0, done: 0 }, { at: 40_000, done: 10 }], { at: 50_000, done: 20 }, 30_000);
    expect(kept.map((s) => s.at)).toEqual([40_000, 50_000]);
  });
  it('rounds percentages down to a tenth and caps them', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(5, 0)).toBe(0);
    expect(percent(7, 5)).toBe(100);
  });
});
