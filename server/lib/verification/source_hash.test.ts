import { sourceHash } from './source_hash';

describe('sourceHash', () => {
  it('ignores key order at every depth', () => {
    expect(sourceHash({ a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(sourceHash({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 }));
  });
  it('tells different values and array orders apart', () => {
    expect(sourceHash({ a: 1 })).not.toBe(sourceHash({ a: 2 }));
    expect(sourceHash({ a: [1, 2] })).not.toBe(sourceHash({ a: [2, 1] }));
  });
});
