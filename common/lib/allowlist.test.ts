import { allowListLine, matchesAllowList, parseHostUrl } from './allowlist';

describe('reindex.remote.whitelist matching', () => {
  it('parses scheme://host:port and requires the port', () => {
    expect(parseHostUrl('https://source.example.com:9243')).toEqual({ scheme: 'https', host: 'source.example.com', port: 9243, path: '' });
    expect(parseHostUrl('http://[::1]:9200/prefix')).toEqual({ scheme: 'http', host: '[::1]', port: 9200, path: '/prefix' });
    expect(parseHostUrl('https://source.example.com')).toBeUndefined();
    expect(parseHostUrl('source.example.com:9200')).toBeUndefined();
    expect(parseHostUrl('http://h:99999')).toBeUndefined();
  });

  it('matches host:port with * wildcards, ignoring scheme and path, resolving no names', () => {
    const target = { host: '127.0.0.1', port: 19200 };
    expect(matchesAllowList(target, ['127.0.0.1:19200'])).toBe(true);
    expect(matchesAllowList(target, ['127.0.*:*'])).toBe(true);
    expect(matchesAllowList(target, ['localhost:*'])).toBe(false);
    expect(matchesAllowList(target, ['127.0.0.1:9200'])).toBe(false);
    expect(matchesAllowList({ host: 'a.es.io', port: 443 }, ['*.io:*', '*.com:*'])).toBe(true);
    // `.` is literal, not a regular-expression wildcard.
    expect(matchesAllowList({ host: '127x0x0x1', port: 1 }, ['127.0.0.1:*'])).toBe(false);
  });

  it('writes the elasticsearch.yml line, keeping existing entries', () => {
    expect(allowListLine({ host: 'localhost', port: 19200 }, ['127.0.0.1:19200'])).toBe('reindex.remote.whitelist: ["127.0.0.1:19200", "localhost:19200"]');
  });
});
