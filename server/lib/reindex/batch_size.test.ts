import { chooseBatchSize, REMOTE_BUFFER_BYTES, SIZE_INFLATION, smallerBatchSize } from './batch_size';

describe('batch size', () => {
  it('keeps a batch well below the 100 MB remote buffer', () => {
    const size = chooseBatchSize(50 * 1024 * 1024 * 1024, 100_000); // ~0.5 MB per document
    expect(size * (50 * 1024 * 1024 * 1024 / 100_000) * SIZE_INFLATION).toBeLessThan(REMOTE_BUFFER_BYTES);
    expect(size).toBeGreaterThanOrEqual(1);
    expect(chooseBatchSize(20_000_000, 200_000)).toBe(10_000);
    expect(chooseBatchSize(0, 0)).toBe(1_000);
  });
  it('shrinks after a chunk-too-large answer, down to 1', () => {
    expect(smallerBatchSize(1_000)).toBe(250);
    expect(smallerBatchSize(2)).toBe(1);
    expect(smallerBatchSize(1)).toBeUndefined();
  });
});
