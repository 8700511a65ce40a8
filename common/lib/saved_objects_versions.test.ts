import { compareVersions, importVersionGap, tooNewReason } from './saved_objects_versions';

describe('saved objects version rules', () => {
  it('compares versions numerically', () => {
    expect(compareVersions('7.17.9', '7.9.0')).toBeGreaterThan(0);
    expect(compareVersions('10.1.0', '9.1.0')).toBeGreaterThan(0);
  });

  it('finds objects too new for this Kibana with Kibana’s words', () => {
    expect(tooNewReason({ id: 'a', type: 'visualization', migrationVersion: { visualization: '7.17.0' }, coreMigrationVersion: '7.17.9' }, '9.1.0', undefined)).toBeUndefined();
    expect(tooNewReason({ id: 'a', type: 'dashboard', typeMigrationVersion: '10.3.0' }, '9.1.0', '10.2.0')).toBe(
      'Document "a" belongs to a more recent version of Kibana [10.3.0] when the last known version is [10.2.0].'
    );
    expect(tooNewReason({ id: 'a', type: 'dashboard', typeMigrationVersion: '10.2.0' }, '9.1.0', '10.2.0')).toBeUndefined();
    // A semver version on a model-version type is older than every model version.
    expect(tooNewReason({ id: 'a', type: 'dashboard', migrationVersion: { dashboard: '8.7.0' } }, '9.1.0', '10.2.0')).toBeUndefined();
    expect(tooNewReason({ id: 'a', type: 'x', coreMigrationVersion: '9.2.0' }, '9.1.0', undefined)).toContain('[9.2.0] when the last known version is [9.1.0]');
    expect(tooNewReason({ id: 'a', type: 'x', typeMigrationVersion: '' }, '9.1.0', undefined)).toBeUndefined();
  });

  it('applies the documented version rule', () => {
    expect(importVersionGap('8.19.0', '9.1.0')).toBe('supported');
    expect(importVersionGap('7.17.9', '9.1.0')).toBe('older_than_previous_major');
    expect(importVersionGap('9.2.0', '9.1.0')).toBe('newer');
  });
});
