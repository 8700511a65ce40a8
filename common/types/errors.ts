/* The `attributes` of every error response (http_api.md, Errors). */

export type ErrorCode =
  | 'validation_failed'
  | 'source_not_found'
  | 'source_not_allow_listed'
  | 'source_host_not_allowed'
  | 'source_tls_untrusted'
  | 'source_auth_rejected'
  | 'source_forbidden'
  | 'source_unreachable'
  | 'source_not_elasticsearch'
  | 'source_index_not_found'
  | 'pattern_matched_nothing'
  | 'partition_coverage'
  | 'restart_refused'
  | 'chunk_too_large'
  | 'remote_timeout'
  | 'destination_index_exists'
  | 'destination_older_than_source'
  | 'job_not_found'
  | 'job_not_finished'
  | 'job_finished'
  | 'secrets_unavailable'
  | 'secret_unreadable'
  | 'task_vanished'
  | 'count_mismatch'
  | 'repository_location_not_allowed'
  | 'repository_type_unknown'
  | 'repository_verification_failed'
  | 'repository_not_found'
  | 'verification_not_found'
  | 'system_index_write_refused'
  | 'verification_needs_source'
  | 'missing_privileges'
  | 'source_not_owned'
  | 'credential_unavailable'
  | 'elasticsearch_error'
  // Continuous reindex jobs (issue 16)
  | 'not_continuous'
  | 'cutover_refused'
  | 'cutover_in_progress'
  | 'rollback_refused'
  // Saved objects into this Kibana (issue 17)
  | 'saved_object_not_found'
  | 'saved_objects_unavailable'
  | 'saved_objects_import_refused';

export interface ErrorAttributes {
  code: ErrorCode;
  remedy?: string;
  /** The Elasticsearch error type and reason, when one caused this. */
  es_error?: { type?: string; reason?: string };
  /** The request field at fault, for validation errors. */
  field?: string;
  /** For a destructive request: the exact phrase to send as `confirmation`, for the UI to ask the user to type. */
  confirmation?: string;
}
