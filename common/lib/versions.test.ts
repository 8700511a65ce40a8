import { reindexVersionVerdict } from './versions';

describe('reindex version rules', () => {
  it('allows same or newer destinations and reports the major jump', () => {
    expect(reindexVersionVerdict('7.17.9', '8.14.3')).toEqual({ ok: true, majorJump: 1 });
    expect(reindexVersionVerdict('7.17.9', '7.17.9')).toEqual({ ok: true, majorJump: 0 });
  });
  it('refuses an older destination', () => {
    expect(reindexVersionVerdict('8.14.3', '7.17.9')).toEqual({ ok: false, reason: 'destination_older' });
    expect(reindexVersionVerdict('garbage', '8.0.0')).toEqual({ ok: false, reason: 'unparseable' });
  });
});
