/*
 * What the destination can take at once, from its data nodes' processors: how many items a job copies at
 * once and how many parts a large index is split in, when the user did not say. A reindex task runs one
 * batch at a time (fetch from the source, then bulk), so two tasks per processor keep the destination's
 * write threads busy while each waits for the source.
 */
import { MAX_CONCURRENCY } from '../../../common/constants';
import { EsClient } from '../es_client';
import { MAX_PARTS } from './partitioning';

export interface DestinationCapacity {
  /** Processors of the data nodes (Elasticsearch's allocated processors). */
  processors: number;
  concurrency: number;
  maxParts: number;
}

interface NodeOs {
  roles?: string[];
  os?: { allocated_processors?: number; available_processors?: number };
}

const holdsData = (roles: string[] | undefined): boolean => roles === undefined || roles.some((role) => role === 'data' || role.startsWith('data_'));

export const capacityFromNodes = (nodes: Record<string, NodeOs>): DestinationCapacity | undefined => {
  const processors = Object.values(nodes)
    .filter((node) => holdsData(node.roles))
    .reduce((sum, node) => sum + (node.os?.allocated_processors ?? node.os?.available_processors ?? 0), 0);
  if (processors <= 0) return undefined;
  return {
    processors,
    concurrency: Math.min(MAX_CONCURRENCY, Math.max(2, processors * 2)),
    maxParts: Math.min(MAX_PARTS, Math.max(2, processors)),
  };
};

/** Undefined when the user may not read the nodes' info (the monitor cluster privilege): defaults apply. */
export const destinationCapacity = async (destination: EsClient): Promise<DestinationCapacity | undefined> => {
  try {
    const info = await destination.nodes.info({ metric: 'os' });
    return capacityFromNodes(info.nodes as Record<string, NodeOs>);
  } catch {
    return undefined;
  }
};
