import { restorability } from './snapshot_compat';

const snapshot = (overrides = {}) => ({ state: 'SUCCESS', version: '7.17.9', indices: ['stores'], feature_states: [], ...overrides });

describe('snapshot restorability', () => {
  it('restores 7.x into 8.x, never into an older version, and 7.x into 9.x only as archives', () => {
    expect(restorability(snapshot(), '8.14.3')).toEqual({ restorable: true, notes: [] });
    expect(restorability(snapshot({ version: '8.14.3' }), '7.17.9').restorable).toBe(false);
    const archive = restorability(snapshot(), '9.1.0');
    expect(archive.restorable).toBe(false);
    expect(archive.notes[0]).toContain('archive indices');
    expect(restorability(snapshot({ version: '6.8.23' }), '8.14.3').restorable).toBe(false);
  });
  it('refuses failed snapshots and explains how internal indices restore', () => {
    expect(restorability(snapshot({ state: 'FAILED' }), '8.14.3').restorable).toBe(false);
    const byName = restorability(snapshot({ indices: ['.kibana_7.17.9_001'] }), '8.14.3');
    expect(byName.notes[0]).toContain('include_aliases: false');
    const byFeature = restorability(snapshot({ indices: ['.kibana_7.17.9_001'], feature_states: [{ feature_name: 'kibana', indices: ['.kibana_7.17.9_001'] }] }), '8.14.3');
    expect(byFeature.notes[0]).toContain('feature states (kibana)');
  });
});
