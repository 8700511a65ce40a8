import { MAX_CONCURRENCY } from '../../../common/constants';
import { capacityFromNodes } from './destination_capacity';

describe('destination capacity', () => {
  it('counts the processors of data nodes only, two items at once per processor', () => {
    const capacity = capacityFromNodes({
      a: { roles: ['master'], os: { allocated_processors: 16 } },
      b: { roles: ['data_hot', 'ingest'], os: { allocated_processors: 4 } },
      c: { roles: ['data'], os: { allocated_processors: 2 } },
    });
    expect(capacity).toEqual({ processors: 6, concurrency: 12, maxParts: 6 });
  });

  it('keeps within the limits on a small or a very large cluster', () => {
    expect(capacityFromNodes({ a: { roles: ['data'], os: { allocated_processors: 1 } } })).toEqual({ processors: 1, concurrency: 2, maxParts: 2 });
    expect(capacityFromNodes({ a: { roles: ['data'], os: { allocated_processors: 64 } } })).toMatchObject({ concurrency: MAX_CONCURRENCY, maxParts: 8 });
  });

  it('says nothing when no node reports processors', () => {
    expect(capacityFromNodes({ a: { roles: ['data'] } })).toBeUndefined();
  });
});
