/* Preflight checks (http_api.md, Preflight). */

export type CheckStatus = 'pass' | 'warning' | 'fail' | 'skipped';

export interface PreflightCheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  message: string;
  /** The exact fix: an elasticsearch.yml line, a request, a command. */
  remedy?: string;
  details?: Record<string, unknown>;
}

export interface PreflightResponse {
  status: 'pass' | 'warning' | 'fail';
  checks: PreflightCheckResult[];
}

export interface ReindexPreflightRequest {
  method: 'reindex';
  source_id: string;
  indices: string[];
  batch_size?: number;
  /** A continuous job's change fields (issue 16): adds the `continuous` check. */
  continuous?: { change_field?: string; change_fields?: Record<string, string> };
}

export type SnapshotPreflightRequest = { method: 'snapshot' } & Omit<import('./jobs').SnapshotRestoreJobRequest, 'type' | 'confirmation'>;

export type PreflightRequest = ReindexPreflightRequest | SnapshotPreflightRequest;
