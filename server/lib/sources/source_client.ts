/*
 * The Kibana server's own connection to a source cluster, for listing indices, counts, mappings and
 * templates. A client's major must match the server's (facts, section 8): @elastic/elasticsearch 8.x sends
 * `compatible-with=8` media types that a 7.x server rejects and a 9.x server answers. Sending plain JSON
 * media types works with 7.14+ (the first versions that send `x-elastic-product`), 8.x and 9.x alike.
 */
import crypto from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { hostUrlProblem, parseHostUrl } from '../../../common/lib/allowlist';
import type { EsClient } from '../es_client';
import { validationError } from '../migration_error';

export interface SourceConnection {
  host: string;
  auth: { type: 'none' } | { type: 'basic'; username: string; password: string } | { type: 'api_key'; api_key: string };
  ca_certificate?: string;
}

const PLAIN_JSON = { accept: 'application/json', 'content-type': 'application/json' };

export const createSourceClient = (connection: SourceConnection, requestTimeoutMs = 30_000): EsClient => {
  // The client is given only the URL the allow-list was checked against (normalized, parsed the same way).
  const target = parseHostUrl(connection.host);
  if (!target) throw validationError('host', hostUrlProblem(connection.host) ?? 'is not a valid URL');
  const auth =
    connection.auth.type === 'basic'
      ? { username: connection.auth.username, password: connection.auth.password }
      : connection.auth.type === 'api_key'
        ? { apiKey: connection.auth.api_key }
        : undefined;
  return new Client({
    node: target.url,
    auth,
    // A fresh object per client: the transport writes the Authorization header into the object it is
    // given, so a shared one would carry one source's credentials into the next source's client.
    headers: { ...PLAIN_JSON },
    requestTimeout: requestTimeoutMs,
    maxRetries: 0,
    tls: connection.ca_certificate ? { ca: connection.ca_certificate } : undefined,
  });
};

/** SHA-256 fingerprint of a PEM certificate, shown instead of the certificate itself. */
export const certificateFingerprint = (pem: string): string | undefined => {
  try {
    return new crypto.X509Certificate(pem).fingerprint256;
  } catch {
    return undefined;
  }
};
