/*
 * A document's `_source` as a hash that does not depend on key order, so the same document read from a
 * 7.x and an 8.x cluster hashes the same.
 */
import crypto from 'node:crypto';

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])])
    );
  }
  return value;
};

export const sourceHash = (source: unknown): string =>
  crypto.createHash('sha256').update(JSON.stringify(canonical(source ?? null))).digest('hex');
