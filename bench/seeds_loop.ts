/*
 * The seeds' way: one synchronous POST _reindex (wait_for_completion) per index, one after the other,
 * default batch (source.size 1000), nothing prepared on the destination (dynamic mappings).
 */
import { esRequest } from '../test/integration/helpers/es_http';
import { nodes, timed } from './measure';

/** Copies each index to `${prefix}-${index}` in turn; returns the seconds per index, in order. */
export const seedsLoop = async (indices: string[], prefix: string): Promise<number[]> => {
  const seconds: number[] = [];
  for (const index of indices) {
    const { seconds: took, value } = await timed(() =>
      esRequest(nodes.reindex_destination.url, 'POST', '/_reindex?wait_for_completion=true', {
        source: { remote: { host: nodes.source.url }, index },
        dest: { index: `${prefix}-${index}` },
      })
    );
    const body = value.body as { failures?: unknown[] };
    if (value.status !== 200 || (body.failures?.length ?? 0) > 0) throw new Error(`_reindex of ${index}: ${value.status} ${JSON.stringify(value.body).slice(0, 400)}`);
    seconds.push(took);
  }
  return seconds;
};
