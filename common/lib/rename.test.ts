import { applyRename, indexNameProblem, MAX_RENAME_PATTERN_LENGTH, renamePatternProblem, RenameRuleError, restoreRename } from './rename';

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

describe('restore names, as Elasticsearch computes them (Java String.replaceAll)', () => {
  const rename = (index: string, pattern: string, replacement: string) => restoreRename(index, pattern, replacement);
  const failure = (index: string, pattern: string, replacement: string) => {
    try {
      rename(index, pattern, replacement);
    } catch (error) {
      expect(error).toBeInstanceOf(RenameRuleError);
      return { field: (error as RenameRuleError).field, message: (error as Error).message };
    }
    throw new Error('expected a RenameRuleError');
  };

  it('replaces every match, where the first-match rename differs', () => {
    expect(rename('banana', 'a', 'o')).toBe('bonono');
    expect(applyRename('banana', { pattern: 'a', replacement: 'o' })).toBe('bonana');
    // "(.*)" also matches the empty string at the end: Elasticsearch creates "r_logsr_".
    expect(rename('logs', '(.*)', 'r_$1')).toBe('r_logsr_');
    expect(rename('abc', 'x*', '-')).toBe('-a-b-c-');
    expect(rename('logs-2024-01', '-', '_')).toBe('logs_2024_01');
  });

  it('leaves a name without a match unchanged, whatever the replacement', () => {
    expect(rename('orders', '^logs', 'x')).toBe('orders');
    expect(rename('orders', '^logs', '$9')).toBe('orders');
  });

  it('reads the replacement as Java does', () => {
    expect(rename('logs-2024', '^(.+)$', 'migrated-$1')).toBe('migrated-logs-2024');
    expect(rename('.kibana_7.17.9_001', '^\\.(.+)$', 'restored_$1')).toBe('restored_kibana_7.17.9_001');
    expect(rename('logs', '^(logs)$', '$0-$1')).toBe('logs-logs');
    // The longest group number that exists: with one group, "$12" is group 1 then "2".
    expect(rename('logs', '^(logs)$', '$12')).toBe('logs2');
    expect(rename('abcdefghijk', '^(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)$', '$11-$10')).toBe('k-j');
    expect(rename('logs', '^(?<name>.+)$', 'r-${name}')).toBe('r-logs');
    expect(rename('logs', '^(.+)$', '\\$1-$1')).toBe('$1-logs');
    expect(rename('logs', '^(.+)$', 'a\\\\b')).toBe('a\\b');
    // A group that took no part in the match adds nothing.
    expect(rename('logs', '^(x)?(logs)$', '$1$2')).toBe('logs');
  });

  it("fails where Java fails, naming the field", () => {
    expect(failure('logs', '^(.+)$', '$2')).toEqual({ field: 'rename_replacement', message: 'No group 2' });
    expect(failure('logs', '^(.+)$', 'x$')).toEqual({ field: 'rename_replacement', message: 'Illegal group reference: group index is missing' });
    expect(failure('logs', '^(.+)$', '$$1')).toEqual({ field: 'rename_replacement', message: 'Illegal group reference' });
    expect(failure('logs', '^(.+)$', 'x\\')).toEqual({ field: 'rename_replacement', message: 'character to be escaped is missing' });
    expect(failure('logs', '^(.+)$', '${}')).toEqual({ field: 'rename_replacement', message: 'named capturing group has 0 length name' });
    expect(failure('logs', '^(.+)$', '${a')).toEqual({ field: 'rename_replacement', message: "named capturing group is missing trailing '}'" });
    expect(failure('logs', '^(.+)$', '${nope}')).toEqual({ field: 'rename_replacement', message: 'No group with name {nope}' });
    expect(failure('logs', '^(?<my_name>.+)$', '${my}').field).toBe('rename_pattern');
    expect(failure('logs', '(', 'x').field).toBe('rename_pattern');
  });
});

describe('user patterns run in linear time (RE2)', () => {
  const hostile = '^(.*)*Z$';
  const name = 'a'.repeat(30);

  it('returns at once for a pattern that backtracks for seconds in JavaScript', () => {
    const started = performance.now();
    expect(applyRename(name, { pattern: hostile, replacement: 'x' })).toBe(name);
    expect(restoreRename(name, hostile, 'x')).toBe(name);
    expect(applyRename(`${name}-${'b'.repeat(200)}`, { pattern: '^(a|a)*(b|b)*(c|c)+$', replacement: 'x' })).toBe(`${name}-${'b'.repeat(200)}`);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('keeps JavaScript replacement syntax for reindex renames', () => {
    expect(applyRename('logs', { pattern: '(?<x>o)', replacement: '[$<x>$&$$]' })).toBe('l[oo$]gs');
    expect(applyRename('logs', { pattern: '^(.*)$', replacement: '$1-$2' })).toBe('logs-$2');
    expect(applyRename('orders', { pattern: '^logs', replacement: 'x' })).toBe('orders');
  });

  it('refuses what RE2 cannot run in linear time, or too long a pattern, saying why', () => {
    expect(renamePatternProblem('^(.*)$')).toBeUndefined();
    expect(renamePatternProblem(hostile)).toBeUndefined();
    expect(renamePatternProblem('(a)\\1')).toContain('not a valid regular expression');
    expect(renamePatternProblem('(?=a)b')).toContain('look-around');
    expect(renamePatternProblem('[')).toContain('missing closing ]');
    expect(renamePatternProblem('')).toBe('must not be empty');
    expect(renamePatternProblem('a'.repeat(MAX_RENAME_PATTERN_LENGTH + 1))).toContain('at most');
    expect(() => restoreRename('logs', '(?<=l)o', 'x')).toThrow(RenameRuleError);
  });
});
