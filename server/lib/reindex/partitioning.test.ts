import { partitionQuery } from './launch';
import { AUTO_PARTITION_MIN_BYTES, AUTO_PARTITION_MIN_DOCS, partitionsFrom, partsFor, rangeFields } from './partitioning';

describe('splitting an index into ranges', () => {
  it('finds date and numeric fields by dotted path, @timestamp first, then dates, then numbers, none inside nested objects', () => {
    const fields = rangeFields({
      properties: {
        bytes: { type: 'long' },
        message: { type: 'text' },
        event: { properties: { created: { type: 'date' }, sequence: { type: 'integer' } } },
        comments: { type: 'nested', properties: { at: { type: 'date' } } },
        '@timestamp': { type: 'date' },
        price: { type: 'scaled_float' },
      },
    });
    expect(fields).toEqual([
      { field: '@timestamp', type: 'date' },
      { field: 'event.created', type: 'date' },
      { field: 'bytes', type: 'number' },
      { field: 'event.sequence', type: 'number' },
      { field: 'price', type: 'number' },
    ]);
  });

  it('splits automatically above the threshold in at most as many parts as the destination has cores, and never when told 0', () => {
    const small = 1024;
    expect(partsFor(AUTO_PARTITION_MIN_DOCS, small, undefined, 4)).toBe(1);
    expect(partsFor(AUTO_PARTITION_MIN_DOCS + 1, small, undefined, 4)).toBe(2);
    expect(partsFor(200_000, small, undefined, 2)).toBe(2);
    expect(partsFor(10_000_000, small, undefined, 64)).toBe(8);
    expect(partsFor(10_000_000, small, 0, 4)).toBe(1);
    // Few large documents are split by their bytes; a handful of documents never.
    expect(partsFor(2_000, 3 * AUTO_PARTITION_MIN_BYTES, undefined, 4)).toBe(3);
    expect(partsFor(500, 3 * AUTO_PARTITION_MIN_BYTES, undefined, 4)).toBe(1);
    // A threshold the user gave decides alone (up to 8 parts).
    expect(partsFor(200_000, 3 * AUTO_PARTITION_MIN_BYTES, 70_000, 2)).toBe(3);
  });

  it('makes contiguous ranges open at both ends and a part for documents without the field', () => {
    const dates = partitionsFrom({ field: '@timestamp', type: 'date' }, [100, 200]);
    expect(dates).toEqual([
      { field: '@timestamp', gte: undefined, lt: 100 },
      { field: '@timestamp', gte: 100, lt: 200 },
      { field: '@timestamp', gte: 200, lt: undefined },
      { field: '@timestamp', missing: true },
    ]);
    expect(partitionQuery(dates[1] ?? { field: '' })).toEqual({ range: { '@timestamp': { gte: 100, lt: 200, format: 'epoch_millis' } } });
    // A numeric field takes no date format (Elasticsearch refuses one on numbers).
    const numbers = partitionsFrom({ field: 'seq', type: 'number' }, [10.5]);
    expect(partitionQuery(numbers[0] ?? { field: '' })).toEqual({ range: { seq: { gte: undefined, lt: 10.5 } } });
    expect(partitionQuery(numbers[2] ?? { field: '' })).toEqual({ bool: { must_not: { exists: { field: 'seq' } } } });
  });
});
