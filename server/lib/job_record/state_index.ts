/*
 * The plugin's state in the destination: one hidden index holding jobs and saved sources, written with
 * optimistic concurrency (if_seq_no / if_primary_term). Its name matches `.kibana*` (Kibana's own user
 * may write it) but not the `kibana` feature state's `.kibana_*`, so restoring that feature state never
 * wipes our records.
 */
import { STATE_INDEX } from '../../../common/constants';
import { EsClient, errorStatus } from '../es_client';

export type StateDocType = 'job' | 'source' | 'verification' | 'credential';

export interface Versioned<T> {
  value: T;
  seqNo: number;
  primaryTerm: number;
}

export class ConcurrentUpdateError extends Error {
  public override readonly name = 'ConcurrentUpdateError';
}

const MAPPINGS = {
  dynamic: false,
  properties: {
    doc_type: { type: 'keyword' },
    status: { type: 'keyword' },
    created_at: { type: 'date' },
    lease_owner: { type: 'keyword' },
    lease_expires_at: { type: 'date' },
  },
} as const;

interface StoredDoc<T> {
  doc_type: StateDocType;
  status?: string;
  created_at?: string;
  lease_owner?: string;
  lease_expires_at?: number;
  data: T;
}

export class StateIndex {
  private ready: Promise<void> | undefined;

  constructor(private readonly client: () => EsClient) {}

  private ensureIndex(): Promise<void> {
    this.ready ??= (async () => {
      try {
        await this.client().indices.create({
          index: STATE_INDEX,
          settings: { index: { hidden: true, number_of_shards: 1, auto_expand_replicas: '0-1' } },
          mappings: MAPPINGS,
        });
      } catch (error) {
        // Another Kibana instance created it first.
        if (errorStatus(error) !== 400) throw error;
      }
    })().catch((error) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  async get<T>(type: StateDocType, id: string): Promise<(Versioned<T> & { meta: Omit<StoredDoc<T>, 'data'> }) | undefined> {
    await this.ensureIndex();
    try {
      const doc = await this.client().get<StoredDoc<T>>({ index: STATE_INDEX, id: `${type}:${id}` });
      if (!doc._source || doc._seq_no === undefined || doc._primary_term === undefined) return undefined;
      const { data, ...meta } = doc._source;
      return { value: data, seqNo: doc._seq_no, primaryTerm: doc._primary_term, meta };
    } catch (error) {
      if (errorStatus(error) === 404) return undefined;
      throw error;
    }
  }

  /** Creates (no `version`) or replaces (with the `version` read) a document; a lost race throws ConcurrentUpdateError. */
  async put<T>(
    type: StateDocType,
    id: string,
    data: T,
    meta: Omit<StoredDoc<T>, 'data' | 'doc_type'>,
    version?: { seqNo: number; primaryTerm: number },
    options: { searchableNow?: boolean } = {}
  ): Promise<Versioned<T>> {
    await this.ensureIndex();
    try {
      const result = await this.client().index({
        index: STATE_INDEX,
        id: `${type}:${id}`,
        document: { doc_type: type, ...meta, data },
        // Reads by id are real-time; only a new document (lists find it) or a final state must be searchable
        // at once: refreshed now (a small index, rare writes) rather than waiting up to a second for the next refresh.
        refresh: version && !options.searchableNow ? false : true,
        ...(version ? { if_seq_no: version.seqNo, if_primary_term: version.primaryTerm } : { op_type: 'create' }),
      });
      return { value: data, seqNo: result._seq_no ?? 0, primaryTerm: result._primary_term ?? 0 };
    } catch (error) {
      if (errorStatus(error) === 409) throw new ConcurrentUpdateError(`${type}:${id} changed concurrently`);
      throw error;
    }
  }

  async delete(type: StateDocType, id: string): Promise<boolean> {
    await this.ensureIndex();
    // A delete with refresh=wait_for waits for the next refresh even when there is nothing to delete: an
    // unknown id is answered at once from a realtime get.
    if (!(await this.client().exists({ index: STATE_INDEX, id: `${type}:${id}` }))) return false;
    try {
      await this.client().delete({ index: STATE_INDEX, id: `${type}:${id}`, refresh: 'wait_for' });
      return true;
    } catch (error) {
      if (errorStatus(error) === 404) return false;
      throw error;
    }
  }

  async search<T>(
    type: StateDocType,
    options: { statuses?: string[]; from?: number; size?: number; fresh?: boolean } = {}
  ): Promise<{ total: number; docs: Array<Versioned<T> & { id: string }> }> {
    await this.ensureIndex();
    // A decision that must see the latest writes (not only those already refreshed) refreshes first.
    if (options.fresh) await this.client().indices.refresh({ index: STATE_INDEX });
    const filter: unknown[] = [{ term: { doc_type: type } }];
    if (options.statuses?.length) filter.push({ terms: { status: options.statuses } });
    const result = await this.client().search<StoredDoc<T>>({
      index: STATE_INDEX,
      query: { bool: { filter } } as never,
      sort: [{ created_at: { order: 'desc' } }],
      from: options.from ?? 0,
      size: options.size ?? 100,
      seq_no_primary_term: true,
      track_total_hits: true,
    });
    const total = typeof result.hits.total === 'number' ? result.hits.total : result.hits.total?.value ?? 0;
    return {
      total,
      docs: result.hits.hits.flatMap((hit) =>
        hit._source && hit._id && hit._seq_no !== undefined && hit._primary_term !== undefined
          ? [{ id: hit._id.slice(type.length + 1), value: hit._source.data, seqNo: hit._seq_no, primaryTerm: hit._primary_term }]
          : []
      ),
    };
  }
}
