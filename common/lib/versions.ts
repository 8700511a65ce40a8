/* Elasticsearch version rules for migrations (facts file, section 6). */

export interface Version {
  major: number;
  minor: number;
  patch: number;
}

const VERSION = /^(?<major>\d+)\.(?<minor>\d+)\.(?<patch>\d+)/;

export const parseVersion = (value: string): Version | undefined => {
  const groups = VERSION.exec(value)?.groups;
  if (!groups) return undefined;
  return { major: Number(groups.major), minor: Number(groups.minor), patch: Number(groups.patch) };
};

/** The major version of `value` (NaN when it is not a version). */
export const majorVersion = (value: string): number => parseVersion(value)?.major ?? Number.NaN;

export const compareVersions = (a: Version, b: Version): number =>
  a.major - b.major || a.minor - b.minor || a.patch - b.patch;

export type ReindexVersionVerdict =
  | { ok: true; majorJump: number }
  | { ok: false; reason: 'destination_older' | 'unparseable' };

/** Reindex from remote reads from any older version, never into an older one. */
export const reindexVersionVerdict = (source: string, destination: string): ReindexVersionVerdict => {
  const from = parseVersion(source);
  const to = parseVersion(destination);
  if (!from || !to) return { ok: false, reason: 'unparseable' };
  if (compareVersions(to, from) < 0) return { ok: false, reason: 'destination_older' };
  return { ok: true, majorJump: to.major - from.major };
};
