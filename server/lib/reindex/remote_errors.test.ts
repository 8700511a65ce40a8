import { isRetryable, mapRemoteError } from './remote_errors';

const host = 'https://source.example.com:9243';

describe('remote error mapping', () => {
  it('maps the allow-list refusal to the exact elasticsearch.yml line', () => {
    const error = mapRemoteError({ type: 'illegal_argument_exception', reason: '[source.example.com:9243] not whitelisted in reindex.remote.whitelist' }, { host, allowList: ['10.0.0.1:9200'] });
    expect(error.type).toBe('source_not_allow_listed');
    expect(error.remedy).toContain('reindex.remote.whitelist: ["10.0.0.1:9200", "source.example.com:9243"]');
    expect(error.remedy).toContain('restart');
  });
  it('maps an untrusted certificate to reindex.ssl.certificate_authorities and the openssl command', () => {
    const error = mapRemoteError({ type: 's_s_l_handshake_exception', reason: 'PKIX path building failed: unable to find valid certification path to requested target' }, { host });
    expect(error.type).toBe('source_tls_untrusted');
    expect(error.remedy).toContain('reindex.ssl.certificate_authorities');
    expect(error.remedy).toContain('openssl s_client -showcerts -servername "source.example.com" -connect "source.example.com:9243"');
  });
  it('maps a remote 401 to rejected source credentials, not to the caller', () => {
    const error = mapRemoteError(
      { type: 'status_exception', reason: 'body={"error":{"type":"security_exception"}}', caused_by: { type: 'response_exception', reason: 'method [GET], host [https://source.example.com:9243], URI [/], status line [HTTP/1.1 401 Unauthorized]' } },
      { host }
    );
    expect(error.type).toBe('source_auth_rejected');
    expect(error.reason).toContain('rejected the credentials');
  });
  it('maps refused connections, chunk too large and timeouts', () => {
    expect(mapRemoteError({ type: 'connect_exception', reason: 'Connection refused' }, { host }).type).toBe('source_unreachable');
    const chunk = mapRemoteError({ type: 'illegal_argument_exception', reason: 'Remote responded with a chunk that was too large. Use a smaller batch size.', caused_by: { type: 'content_too_long_exception', reason: 'entity content is too long [200000000] for the configured buffer limit [104857600]' } }, { host });
    expect(chunk.type).toBe('chunk_too_large');
    expect(isRetryable(chunk.type)).toBe(true);
    expect(mapRemoteError({ type: 'socket_timeout_exception', reason: '30,000 milliseconds timeout on connection' }, { host }).type).toBe('remote_timeout');
    expect(isRetryable('source_auth_rejected')).toBe(false);
  });
});
