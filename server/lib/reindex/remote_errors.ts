/*
 * What went wrong with a reindex from remote, from the error Elasticsearch reports (synchronously, or as
 * the `error` of a task: with wait_for_completion=false every remote failure arrives that way), mapped to
 * a stable code and the exact remedy. Facts file, sections 1.2, 1.3 and 1.5.
 */
import { allowListLine, parseHostUrl } from '../../../common/lib/allowlist';
import type { ErrorCode, ErrorAttributes } from '../../../common/types/errors';
import type { ItemError } from '../../../common/types/jobs';

export interface EsErrorCause {
  type?: string;
  reason?: string;
  caused_by?: EsErrorCause;
  root_cause?: EsErrorCause[];
}

/** Every type and reason in the cause chain, for matching. */
const flatten = (error: EsErrorCause | undefined, depth = 0): EsErrorCause[] => {
  if (!error || depth > 10) return [];
  return [error, ...flatten(error.caused_by, depth + 1), ...(error.root_cause ?? []).flatMap((c) => flatten(c, depth + 1))];
};

const REMOTE_STATUS = /status line \[HTTP\/\d(?:\.\d)? (?<status>\d{3})/;

export interface RemoteErrorContext {
  /** The source's `scheme://host:port`. */
  host: string;
  /** The allow-list entries already set on the destination, when known. */
  allowList?: string[];
}

export const opensslCommand = (hostUrl: string): string => {
  const target = parseHostUrl(hostUrl);
  const hostPort = target ? `${target.host}:${target.port}` : hostUrl;
  const serverName = target?.host ?? 'SOURCE_HOST';
  return `echo quit | openssl s_client -showcerts -servername "${serverName}" -connect "${hostPort}" > cacert.pem`;
};

export const mapRemoteError = (error: EsErrorCause, context: RemoteErrorContext): ItemError => {
  const chain = flatten(error);
  const text = chain.map((c) => `${c.type ?? ''} ${c.reason ?? ''}`).join('\n');
  const reason = error.reason ?? error.type ?? 'Unknown error';
  const target = parseHostUrl(context.host);
  const hostPort = target ? `${target.host}:${target.port}` : context.host;
  const make = (type: ErrorCode, remedy?: string, message = reason): ItemError => ({ type, reason: message, remedy });

  if (text.includes('not whitelisted in reindex.remote.whitelist')) {
    return make(
      'source_not_allow_listed',
      `Add the source to the allow-list in elasticsearch.yml on every destination node, then restart each node (the setting is static): ${
        target ? allowListLine(target, context.allowList) : `reindex.remote.whitelist: ["${hostPort}"]`
      }`
    );
  }
  if (/s_s_l_handshake_exception|PKIX path building failed|unable to find valid certification path/.test(text)) {
    return make(
      'source_tls_untrusted',
      `The destination does not trust the source's certificate. Get the source's CA (for example: ${opensslCommand(
        context.host
      )}), copy it to the config folder of every destination node and add to elasticsearch.yml: reindex.ssl.certificate_authorities: ["cacert.pem"] (reloaded automatically when the file changes; a new setting needs a restart).`
    );
  }
  if (/content_too_long_exception|chunk that was too large/.test(text)) {
    return make('chunk_too_large', 'Use a smaller batch size (source.size): the remote answer exceeded the 100 MB buffer.');
  }
  const remoteStatus = REMOTE_STATUS.exec(text)?.groups?.status;
  if (remoteStatus === '401' || (error.type === 'status_exception' && /security_exception|401/.test(text) && !remoteStatus)) {
    return make(
      'source_auth_rejected',
      'Source credentials rejected: check the user name and password (or API key) saved for this source.',
      `The source cluster at ${hostPort} rejected the credentials (401).`
    );
  }
  if (remoteStatus === '403') {
    return make(
      'source_forbidden',
      'Give the source user the monitor cluster privilege and read on the selected indices.',
      `The source cluster at ${hostPort} refused access (403).`
    );
  }
  if (/index_not_found_exception/.test(text) || remoteStatus === '404') {
    return make('source_index_not_found', 'Check the index name on the source; it may have been deleted since the plan was made.');
  }
  if (/connect_exception|Connection refused|no_route_to_host|unknown_host_exception|Name or service not known/.test(text)) {
    return make(
      'source_unreachable',
      `Make sure the destination's nodes can reach ${hostPort} (network, firewall, DNS) and that the source is running.`,
      `The destination could not connect to ${hostPort}: ${reason}`
    );
  }
  if (/socket_timeout_exception|timeout/i.test(text) && /remote|socket|timed out/i.test(text)) {
    return make('remote_timeout', 'Raise the socket timeout or use a smaller batch size so each batch answers sooner.');
  }
  if (text.includes('remote is likely not an Elasticsearch instance')) {
    return make('source_not_elasticsearch', `Check the host: ${hostPort} does not answer like Elasticsearch.`);
  }
  return make('elasticsearch_error');
};

/** Errors worth retrying by the runner itself, with what to change. */
export const isRetryable = (type: string): boolean => type === 'chunk_too_large' || type === 'remote_timeout';

export const toAttributes = (error: ItemError, es?: EsErrorCause): ErrorAttributes => ({
  code: error.type as ErrorCode,
  remedy: error.remedy,
  es_error: es ? { type: es.type, reason: es.reason } : undefined,
});
