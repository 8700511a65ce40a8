import { allowListLine, HostAndPort, hostUrlProblem, matchesAllowList, parseHostUrl, wildcardMatch } from './allowlist';

describe('reindex.remote.whitelist matching', () => {
  it('parses scheme://host:port and requires the port', () => {
    expect(parseHostUrl('https://source.example.com:9243')).toEqual({
      scheme: 'https',
      host: 'source.example.com',
      port: 9243,
      path: '',
      url: 'https://source.example.com:9243',
    });
    expect(parseHostUrl('http://[::1]:9200/prefix')).toEqual({ scheme: 'http', host: '[::1]', port: 9200, path: '/prefix', url: 'http://[::1]:9200/prefix' });
    expect(parseHostUrl('https://source.example.com')).toBeUndefined();
    expect(parseHostUrl('source.example.com:9200')).toBeUndefined();
    expect(parseHostUrl('http://h:99999')).toBeUndefined();
    expect(parseHostUrl('http://h:0')).toBeUndefined();
    expect(parseHostUrl('ftp://h:21')).toBeUndefined();
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
    expect(matchesAllowList({ host: 'a.b', port: 1 }, ['a.(b|c):1', 'a.b:[1]'])).toBe(false);
  });

  it('compares case-sensitively as Elasticsearch does, or ignoring case for the plugin setting', () => {
    expect(matchesAllowList({ host: 'source.example.com', port: 9200 }, ['Source.Example.com:9200'])).toBe(false);
    expect(matchesAllowList({ host: 'source.example.com', port: 9200 }, ['Source.Example.com:9200'], { ignoreCase: true })).toBe(true);
  });

  it('matches wildcards in linear time, whatever the pattern', () => {
    const started = Date.now();
    expect(wildcardMatch(`${'*a'.repeat(50)}*b`, 'a'.repeat(5000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
    expect(wildcardMatch('a*b*c', 'aXXbYYc')).toBe(true);
    expect(wildcardMatch('a*b*c', 'aXXbYY')).toBe(false);
    expect(wildcardMatch('*', '')).toBe(true);
  });

  it('writes the elasticsearch.yml line, keeping existing entries', () => {
    expect(allowListLine({ host: 'localhost', port: 19200 }, ['127.0.0.1:19200'])).toBe('reindex.remote.whitelist: ["127.0.0.1:19200", "localhost:19200"]');
  });
});

const target = (url: string): HostAndPort => {
  const parsed = parseHostUrl(url);
  if (!parsed) throw new Error(`${url} does not parse`);
  return parsed;
};

describe('source host URLs: what the client connects to is what is checked', () => {
  const allowed = ['*.example.com:*'];

  it('refuses a backslash, which URL reads as "/" and a regular expression as part of the host', () => {
    const url = 'http://169.254.169.254\\.example.com:9200';
    // What the Elasticsearch client would connect to: 169.254.169.254, not a host under example.com.
    expect(new URL(url).hostname).toBe('169.254.169.254');
    expect(parseHostUrl(url)).toBeUndefined();
    expect(hostUrlProblem(url)).toContain('backslash');
    expect(hostUrlProblem('http://169.254.169.254%5C.example.com:9200')).toBeDefined();
  });

  it('refuses userinfo, even empty', () => {
    expect(hostUrlProblem('http://a@b:9200')).toContain('user name or password');
    expect(hostUrlProblem('http://a:pw@b.example.com:9200')).toContain('user name or password');
    expect(hostUrlProblem('http://@b.example.com:9200')).toContain('user name or password');
    expect(hostUrlProblem('http://169.254.169.254:80@x.example.com:9200')).toContain('user name or password');
  });

  it('refuses queries, fragments, whitespace, other schemes and a missing port', () => {
    expect(hostUrlProblem('http://a.example.com:9200?x=1')).toContain('query');
    expect(hostUrlProblem('http://a.example.com:9200#x')).toContain('fragment');
    expect(hostUrlProblem('http://a.exam ple.com:9200')).toContain('spaces');
    expect(hostUrlProblem('http://169.254.169.254\t.example.com:9200')).toContain('control');
    expect(hostUrlProblem('file://a.example.com:9200')).toContain('scheme');
    expect(hostUrlProblem('http://a.example.com')).toContain('port is missing');
    expect(hostUrlProblem('http://a.example.com:9200')).toBeUndefined();
    // Every problem says the form to use.
    expect(hostUrlProblem('http://a@b:9200')).toMatch(/^must be of the form scheme:\/\/host:port/);
  });

  it('normalizes an upper-case host and a trailing dot', () => {
    expect(parseHostUrl('HTTPS://Source.EXAMPLE.com:9200')).toMatchObject({ scheme: 'https', host: 'source.example.com', url: 'https://source.example.com:9200' });
    expect(parseHostUrl('http://source.example.com.:9200')).toMatchObject({ host: 'source.example.com', url: 'http://source.example.com:9200' });
    expect(matchesAllowList(target('http://SOURCE.example.com.:9200'), ['source.example.com:9200'])).toBe(true);
  });

  it('gives the default ports by scheme when they are written', () => {
    expect(parseHostUrl('http://a.example.com:80')).toMatchObject({ port: 80, url: 'http://a.example.com:80' });
    expect(parseHostUrl('https://a.example.com:443/')).toMatchObject({ port: 443, path: '', url: 'https://a.example.com:443' });
    expect(matchesAllowList(target('https://a.example.com:443'), ['a.example.com:443'])).toBe(true);
    expect(matchesAllowList(target('https://a.example.com:443'), ['a.example.com:80'])).toBe(false);
  });

  it('writes IPv6 in brackets, compressed, and IPv4 in dotted decimal', () => {
    expect(parseHostUrl('http://[0:0:0:0:0:0:0:1]:9200')).toMatchObject({ host: '[::1]', url: 'http://[::1]:9200' });
    expect(matchesAllowList(target('http://[0:0::1]:9200'), ['[::1]:*'])).toBe(true);
    // 0x7f.1 is 127.0.0.1 to the client: compared as such, never as a name.
    expect(parseHostUrl('http://0x7f.1:9200')).toMatchObject({ host: '127.0.0.1' });
    expect(matchesAllowList(target('http://0x7f.1:9200'), ['*.example.com:*'])).toBe(false);
    expect(matchesAllowList(target('http://2130706433:9200'), ['127.0.0.1:*'])).toBe(true);
  });

  it('compares internationalized names as punycode', () => {
    expect(parseHostUrl('http://BÜCHER.example.com:9200')).toMatchObject({ host: 'xn--bcher-kva.example.com' });
    expect(matchesAllowList(target('http://bücher.example.com:9200'), ['xn--bcher-kva.example.com:9200'])).toBe(true);
    expect(matchesAllowList(target('http://bücher.example.com:9200'), allowed)).toBe(true);
    // Percent-encoded host bytes are decoded as the client decodes them.
    expect(parseHostUrl('http://%31%32%37.0.0.1:9200')).toMatchObject({ host: '127.0.0.1' });
  });

  it('lets the bypasses of a regex-based parse through no allow-list', () => {
    for (const url of ['http://169.254.169.254\\.example.com:9200', 'http://a@b.example.com:9200', 'http://169.254.169.254#.example.com:9200', 'http://169.254.169.254?.example.com:9200']) {
      const target = parseHostUrl(url);
      expect(target === undefined || !matchesAllowList(target, ['*.example.com:*'])).toBe(true);
    }
  });
});
