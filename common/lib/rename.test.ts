import { applyRename, indexNameProblem } from './rename';

describe('destination names', () => {
  it('applies a rename rule with groups, like snapshot restore', () => {
    expect(applyRename('logs-2024', { pattern: '^(.*)$', replacement: 'migrated-$1' })).toBe('migrated-logs-2024');
    expect(applyRename('.kibana_7.17.9_001', { pattern: '^\\.(.+)$', replacement: 'restored_$1' })).toBe('restored_kibana_7.17.9_001');
    expect(applyRename('same', undefined)).toBe('same');
  });
  it('says why Elasticsearch would refuse a name', () => {
    expect(indexNameProblem('Logs')).toBe('must be lowercase');
    expect(indexNameProblem('a b')).toContain('must not contain');
    expect(indexNameProblem('-x')).toContain('must not start');
    expect(indexNameProblem('')).toBe('must not be empty');
    expect(indexNameProblem('fine-name_1')).toBeUndefined();
  });
});
