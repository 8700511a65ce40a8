/*
 * Destination names. A rename rule is a regular expression and a replacement with `$1` groups. Reindex
 * jobs name each destination themselves (applyRename, first match); snapshot restore leaves the naming to
 * Elasticsearch, so restoreRename reproduces Elasticsearch's computation exactly.
 *
 * Patterns come from users and run on Kibana's event loop (and in the browser), so they run on re2js, a
 * port of RE2: matching is linear in the name's length whatever the pattern (`^(.*)*Z$` included). RE2
 * has no look-around and no back-references (`\1`); such a pattern is refused as invalid, before it runs.
 */
import { RE2JS } from 're2js';

export interface RenameRule {
  pattern: string;
  replacement: string;
}

/** Bounds on what a rule may be (index names are at most 255 bytes): compile time and memory stay small. */
export const MAX_RENAME_PATTERN_LENGTH = 1000;
export const MAX_RENAME_REPLACEMENT_LENGTH = 1000;

/** Why a rename rule cannot be applied: the error text, and the request field at fault. */
export class RenameRuleError extends Error {
  constructor(public readonly field: 'rename_pattern' | 'rename_replacement', message: string) {
    super(message);
  }
}

const compiled = new Map<string, RE2JS>();

/** The pattern compiled by RE2 (cached: a plan applies one rule to many names); throws RenameRuleError. */
export const compileRenamePattern = (pattern: string): RE2JS => {
  const cached = compiled.get(pattern);
  if (cached) return cached;
  if (pattern.length === 0) throw new RenameRuleError('rename_pattern', 'must not be empty');
  if (pattern.length > MAX_RENAME_PATTERN_LENGTH) throw new RenameRuleError('rename_pattern', `must be at most ${MAX_RENAME_PATTERN_LENGTH} characters`);
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(pattern);
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    throw new RenameRuleError('rename_pattern', `is not a valid regular expression (RE2 syntax: no look-around or back-references): ${reason}`);
  }
  if (compiled.size >= 100) compiled.clear();
  compiled.set(pattern, regex);
  return regex;
};

/** Why `pattern` cannot be a rename pattern, or undefined: the one check of jobs, preflight and the UI. */
export const renamePatternProblem = (pattern: string): string | undefined => {
  try {
    compileRenamePattern(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof RenameRuleError) return error.message;
    throw error;
  }
};

/**
 * The first match replaced, with JavaScript's replacement syntax (`$1`, `$<name>`, `$&`, `$$`), as
 * `String.prototype.replace` would: re2js expands it by the same rules (ECMAScript GetSubstitution).
 */
export const applyRename = (name: string, rule?: RenameRule): string => {
  if (!rule) return name;
  return compileRenamePattern(rule.pattern).matcher(name).replaceFirst(rule.replacement);
};

const JAVA_GROUP_NAME = /^[a-zA-Z][a-zA-Z0-9]*$/;

/**
 * The name snapshot restore gives `index`, exactly as Elasticsearch computes it: RestoreService.renameIndex
 * calls `index.replaceAll(rename_pattern, rename_replacement)` (Java), so every match is replaced (not
 * only the first, as JavaScript's `replace` does) and the replacement uses Java's syntax: `$n` (the
 * longest group number that exists), `${name}`, `\` escaping the next character, `$$` being an error.
 * Elasticsearch renames only when both fields are sent; the data-stream `.ds-` prefix rule does not apply
 * to us, since our requests name indices, never data streams. Throws RenameRuleError where Java throws,
 * and for patterns RE2 cannot run in linear time (look-around, back-references).
 */
export const restoreRename = (index: string, pattern: string, replacement: string): string => {
  const regex = compileRenamePattern(pattern);
  // Java accepts only ASCII letters and digits in group names, starting with a letter.
  const groupNames = Object.keys(regex.namedGroups());
  const badName = groupNames.find((name) => !JAVA_GROUP_NAME.test(name));
  if (badName) throw new RenameRuleError('rename_pattern', `group name <${badName}> is not valid in Elasticsearch (Java): use letters and digits, starting with a letter`);
  const groupCount = regex.groupCount();
  const matcher = regex.matcher(index);
  const match: ReplacementMatch = {
    group: (n) => matcher.group(n) ?? '',
    hasName: (name) => groupNames.includes(name),
    named: (name) => matcher.group(name) ?? '',
  };
  let result = '';
  let last = 0;
  // Matcher.find steps past an empty match by one character, as Java's Matcher.find does.
  while (matcher.find()) {
    result += index.slice(last, matcher.start()) + expandReplacement(replacement, match, groupCount);
    last = matcher.end();
  }
  return result + index.slice(last);
};

interface ReplacementMatch {
  group: (n: number) => string;
  hasName: (name: string) => boolean;
  named: (name: string) => string;
}

/** Java's Matcher.appendExpandedReplacement, error messages included. */
const expandReplacement = (replacement: string, match: ReplacementMatch, groupCount: number): string => {
  const fail = (message: string) => new RenameRuleError('rename_replacement', message);
  const group = (n: number) => {
    if (n > groupCount) throw fail(`No group ${n}`);
    return match.group(n);
  };
  let out = '';
  let cursor = 0;
  while (cursor < replacement.length) {
    const char = replacement[cursor] as string;
    if (char === '\\') {
      cursor += 1;
      if (cursor === replacement.length) throw fail('character to be escaped is missing');
      out += replacement[cursor];
      cursor += 1;
    } else if (char === '$') {
      cursor += 1;
      if (cursor === replacement.length) throw fail('Illegal group reference: group index is missing');
      if (replacement[cursor] === '{') {
        cursor += 1;
        let name = '';
        while (cursor < replacement.length && /[a-zA-Z0-9]/.test(replacement[cursor] as string)) name += replacement[cursor++];
        if (name.length === 0) throw fail('named capturing group has 0 length name');
        if (replacement[cursor] !== '}') throw fail("named capturing group is missing trailing '}'");
        if (/^[0-9]/.test(name)) throw fail(`capturing group name {${name}} starts with digit character`);
        if (!match.hasName(name)) throw fail(`No group with name {${name}}`);
        out += match.named(name);
        cursor += 1;
      } else {
        let ref = (replacement.charCodeAt(cursor) ?? 0) - 48;
        if (ref < 0 || ref > 9) throw fail('Illegal group reference');
        cursor += 1;
        // The longest number that is still a group: "$12" is group 1 then "2" when there is no group 12.
        while (cursor < replacement.length) {
          const digit = replacement.charCodeAt(cursor) - 48;
          if (digit < 0 || digit > 9 || ref * 10 + digit > groupCount) break;
          ref = ref * 10 + digit;
          cursor += 1;
        }
        out += group(ref);
      }
    } else {
      out += char;
      cursor += 1;
    }
  }
  return out;
};

const INVALID_CHARS = /[\\/*?"<>| ,#:]/;
const INVALID_START = /^[-_+]/;
const MAX_INDEX_NAME_BYTES = 255;

/** Why Elasticsearch would refuse `name` as an index name, or undefined when it is valid. */
export const indexNameProblem = (name: string): string | undefined => {
  if (name.length === 0) return 'must not be empty';
  if (name !== name.toLowerCase()) return 'must be lowercase';
  if (INVALID_CHARS.test(name)) return 'must not contain \\ / * ? " < > | space , # or :';
  if (INVALID_START.test(name)) return 'must not start with -, _ or +';
  if (name === '.' || name === '..') return 'must not be . or ..';
  if (new TextEncoder().encode(name).length > MAX_INDEX_NAME_BYTES) return 'must be at most 255 bytes';
  return undefined;
};
