/*
 * Destination names. A rename rule is a regular expression and a replacement with `$1` groups. Reindex
 * jobs name each destination themselves (applyRename, first match); snapshot restore leaves the naming to
 * Elasticsearch, so restoreRename reproduces Elasticsearch's computation exactly.
 */

export interface RenameRule {
  pattern: string;
  replacement: string;
}

export const applyRename = (name: string, rule?: RenameRule): string => {
  if (!rule) return name;
  return name.replace(new RegExp(rule.pattern), rule.replacement);
};

/** Why a restore rename rule cannot be applied: Java's own error text, and the request field at fault. */
export class RenameRuleError extends Error {
  constructor(public readonly field: 'rename_pattern' | 'rename_replacement', message: string) {
    super(message);
  }
}

const JAVA_GROUP_NAME = /^[a-zA-Z][a-zA-Z0-9]*$/;

/**
 * The name snapshot restore gives `index`, exactly as Elasticsearch computes it: RestoreService.renameIndex
 * calls `index.replaceAll(rename_pattern, rename_replacement)` (Java), so every match is replaced (not
 * only the first, as JavaScript's `replace` does) and the replacement uses Java's syntax: `$n` (the
 * longest group number that exists), `${name}`, `\` escaping the next character, `$$` being an error.
 * Elasticsearch renames only when both fields are sent; the data-stream `.ds-` prefix rule does not apply
 * to us, since our requests name indices, never data streams. Throws RenameRuleError where Java throws.
 */
export const restoreRename = (index: string, pattern: string, replacement: string): string => {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'g');
  } catch (error) {
    throw new RenameRuleError('rename_pattern', `is not a valid regular expression: ${(error as Error).message}`);
  }
  // Java accepts only ASCII letters and digits in group names, starting with a letter.
  const probe = new RegExp(`${pattern}|`).exec('') as RegExpExecArray;
  const groupNames = Object.keys(probe.groups ?? {});
  const badName = groupNames.find((name) => !JAVA_GROUP_NAME.test(name));
  if (badName) throw new RenameRuleError('rename_pattern', `group name <${badName}> is not valid in Elasticsearch (Java): use letters and digits, starting with a letter`);
  const groupCount = probe.length - 1;
  let result = '';
  let last = 0;
  // matchAll steps past an empty match by one character, as Java's Matcher.find does.
  for (const match of index.matchAll(regex)) {
    result += index.slice(last, match.index) + expandReplacement(replacement, match, groupCount);
    last = (match.index ?? 0) + match[0].length;
  }
  return result + index.slice(last);
};

/** Java's Matcher.appendExpandedReplacement, error messages included. */
const expandReplacement = (replacement: string, match: RegExpMatchArray, groupCount: number): string => {
  const fail = (message: string) => new RenameRuleError('rename_replacement', message);
  const group = (n: number) => {
    if (n > groupCount) throw fail(`No group ${n}`);
    return match[n] ?? '';
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
        if (!(match.groups && name in match.groups)) throw fail(`No group with name {${name}}`);
        out += match.groups[name] ?? '';
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
