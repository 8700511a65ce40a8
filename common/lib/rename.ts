/*
 * Destination names. A rename rule is a regular expression and a replacement with `$1` groups, the same
 * form Elasticsearch's snapshot restore takes (`rename_pattern` / `rename_replacement`).
 */

export interface RenameRule {
  pattern: string;
  replacement: string;
}

export const applyRename = (name: string, rule?: RenameRule): string => {
  if (!rule) return name;
  return name.replace(new RegExp(rule.pattern), rule.replacement);
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
