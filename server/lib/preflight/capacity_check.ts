/*
 * 7. Capacity: free disk on the destination against the selection's size (with headroom), the shard
 * limit, and the estimated size of one batch against the 100 MB remote buffer.
 */
import { chooseBatchSize, REMOTE_BUFFER_BYTES, SIZE_INFLATION } from '../reindex/batch_size';
import type { PreflightCheck, ReindexPreflightContext } from './types';

const HEADROOM = 1.5;
const DEFAULT_MAX_SHARDS_PER_NODE = 1000;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export const capacityCheck: PreflightCheck<ReindexPreflightContext> = {
  id: 'capacity',
  title: 'Disk, shards and batch size',
  async run({ source, destination, indices, batchSize }) {
    const [stats, fs, health, settings] = await Promise.all([
      source.indices.stats({ index: indices, metric: ['store', 'docs'] }),
      destination.nodes.stats({ metric: 'fs' }),
      destination.cluster.health(),
      destination.cluster.getSettings({ include_defaults: true, filter_path: '**.max_shards_per_node' } as never),
    ]);
    const problems: string[] = [];
    const remedies: string[] = [];
    const selectionBytes = stats._all.primaries?.store?.size_in_bytes ?? 0;
    const free = Object.values(fs.nodes).reduce((sum, node) => sum + (node.fs?.total?.available_in_bytes ?? 0), 0);
    if (free < selectionBytes * HEADROOM) {
      problems.push(`the destination has ${mb(free)} free for ${mb(selectionBytes)} of data (plus headroom)`);
      remedies.push('Free or add disk on the destination, or migrate fewer indices at a time.');
    }
    const flat = JSON.stringify(settings);
    const maxPerNode = Number(/"max_shards_per_node":"?(\d+)/.exec(flat)?.[1] ?? DEFAULT_MAX_SHARDS_PER_NODE);
    const newShards = Object.values(stats.indices ?? {}).reduce((sum, index) => sum + ((index as { primaries?: unknown; shards?: Record<string, unknown> }).shards ? Object.keys((index as { shards: Record<string, unknown> }).shards).length : 1), 0);
    const limit = maxPerNode * Math.max(1, health.number_of_data_nodes);
    if (health.active_shards + newShards > limit) {
      problems.push(`${health.active_shards} shards plus about ${newShards} new ones exceed cluster.max_shards_per_node × data nodes = ${limit}`);
      remedies.push('Raise cluster.max_shards_per_node (PUT _cluster/settings) or reduce the number of shards.');
    }
    const oversized: string[] = [];
    for (const [name, index] of Object.entries(stats.indices ?? {})) {
      const docs = index.primaries?.docs?.count ?? 0;
      const bytes = index.primaries?.store?.size_in_bytes ?? 0;
      if (docs === 0) continue;
      const size = batchSize ?? chooseBatchSize(bytes, docs);
      const estimate = (bytes / docs) * SIZE_INFLATION * size;
      if (estimate > REMOTE_BUFFER_BYTES) oversized.push(`${name} (~${mb(estimate)} per batch of ${size})`);
    }
    if (oversized.length > 0) {
      problems.push(`batches would exceed the destination's 100 MB remote buffer: ${oversized.join(', ')}`);
      remedies.push('Use a smaller batch size (leave it empty to let the assistant choose one from the average document size).');
    }
    if (problems.length === 0) {
      return { status: 'pass', message: `${mb(selectionBytes)} to copy, ${mb(free)} free; shard and batch limits are fine.` };
    }
    return { status: 'fail', message: `${problems.join('; ')}.`, remedy: remedies.join('\n') };
  },
};
