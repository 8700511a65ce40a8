/* Saved connections to the cluster being migrated from (http_api.md, Sources). */
import type { Owner } from './owner';

export type SourceAuthType = 'none' | 'basic' | 'api_key';

export type SourceAuthInput =
  | { type: 'none' }
  | { type: 'basic'; username: string; password: string }
  | { type: 'api_key'; api_key: string };

export interface SourceInput {
  name: string;
  /** `scheme://host:port`: the port is mandatory, as reindex from remote requires. */
  host: string;
  auth: SourceAuthInput;
  /** PEM text of the CA the Kibana server trusts for its own connection to the source. */
  ca_certificate?: string;
}

/** A source as the API shows it: never a secret. */
export interface Source {
  id: string;
  name: string;
  host: string;
  auth: { type: SourceAuthType; username?: string; has_secret: boolean };
  ca_certificate_fingerprint?: string;
  /** Who saved it (with Elasticsearch security on): only they may use its credentials. */
  owner?: Owner;
  created_at: string;
  updated_at: string;
}

export interface SourcesResponse {
  sources: Source[];
  encryption_configured: boolean;
}

export interface SourceInfo {
  name: string;
  cluster_name: string;
  version: string;
  build_flavor?: string;
}

export interface SourceIndex {
  name: string;
  docs_count: number;
  store_size_bytes: number;
  health: string;
  status: string;
  data_stream?: string;
  aliases: string[];
  is_system: boolean;
  is_hidden: boolean;
}

export interface SourceIndicesResponse {
  total: number;
  indices: SourceIndex[];
}
