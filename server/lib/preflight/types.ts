/* One preflight check: an id, and a function from the shared context to a result. */
import type { PreflightCheckResult } from '../../../common/types/preflight';
import type { EsClient } from '../es_client';
import type { SourceConnection } from '../sources/source_client';

export interface ReindexPreflightContext {
  destination: EsClient;
  source: EsClient;
  connection: SourceConnection;
  /** Concrete source indices selected (patterns already expanded). */
  indices: string[];
  /** Destination name of each selected index. */
  destinations: Record<string, string>;
  batchSize?: number;
}

export interface PreflightCheck<C> {
  id: string;
  title: string;
  run(context: C): Promise<Omit<PreflightCheckResult, 'id' | 'title'>>;
}
