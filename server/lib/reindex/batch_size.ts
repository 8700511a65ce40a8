/*
 * `source.size` for a reindex from remote. The destination buffers each remote answer on its heap, up
 * to 100 MB ("Remote responded with a chunk that was too large"). The store size is compressed and a
 * search answer carries JSON plus metadata, so the average stored size is inflated by a safety factor and
 * a batch aims at a tenth of the buffer.
 */
export const REMOTE_BUFFER_BYTES = 100 * 1024 * 1024;
export const TARGET_BATCH_BYTES = REMOTE_BUFFER_BYTES / 10;
/** JSON over the wire versus compressed Lucene storage. */
export const SIZE_INFLATION = 4;
export const DEFAULT_BATCH_SIZE = 1_000;
export const MAX_BATCH_SIZE = 10_000;

export const averageDocBytes = (storeBytes: number, docs: number): number => (docs > 0 ? storeBytes / docs : 0);

export const chooseBatchSize = (storeBytes: number, docs: number): number => {
  const average = averageDocBytes(storeBytes, docs);
  if (average <= 0) return DEFAULT_BATCH_SIZE;
  const size = Math.floor(TARGET_BATCH_BYTES / (average * SIZE_INFLATION));
  return Math.min(MAX_BATCH_SIZE, Math.max(1, size));
};

/** The next, smaller batch after a "chunk too large" answer; undefined when already at 1. */
export const smallerBatchSize = (current: number): number | undefined =>
  current <= 1 ? undefined : Math.max(1, Math.floor(current / 4));
