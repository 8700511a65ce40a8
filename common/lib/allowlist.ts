/*
 * Source host URLs and allow-lists. A URL is read with the WHATWG URL parser, the one the Elasticsearch
 * JS client reads `node` with, so the host checked is the host the client connects to; anything a parser
 * could read two ways (userinfo, a backslash, whitespace, a query) is refused outright.
 *
 * Matching follows Elasticsearch's `reindex.remote.whitelist`: each entry is a `host:port` pattern where
 * `*` matches any run of characters, compared against `<host>:<port>`. The scheme and any path prefix are
 * ignored and no name is resolved, so `localhost` and `127.0.0.1` are different hosts. The host compared is
 * normalized as URL gives it (lower case, IDNA as punycode, IPv4 in dotted decimal, IPv6 in brackets),
 * without a trailing dot; the port is the one written (80/443 when it is the scheme's default). The
 * plugin's own `migrationAssistant.sources.allowedHosts` uses the same rules.
 */

export interface HostAndPort {
  host: string;
  port: number;
}

export interface ParsedHostUrl extends HostAndPort {
  scheme: 'http' | 'https';
  /** The path prefix, without a trailing slash ('' when none). */
  path: string;
  /** `scheme://host:port[/path]` from the normalized parts: what the clients are given. */
  url: string;
}

export const HOST_URL_EXAMPLE = 'https://source.example.com:9200';

/** Why `url` is not a source host URL (the fix included), or undefined when it is one. */
export const hostUrlProblem = (url: string): string | undefined => {
  const parsed = readHostUrl(url);
  return 'problem' in parsed ? parsed.problem : undefined;
};

/** Parses `scheme://host:port[/path]`; the port is mandatory, as reindex from remote requires. */
export const parseHostUrl = (url: string): ParsedHostUrl | undefined => {
  const parsed = readHostUrl(url);
  return 'problem' in parsed ? undefined : parsed;
};

const SCHEME = /^(https?):\/\//i;
// The authority's own end: the first "/" (a backslash or "?" / "#" are refused before this is read).
const EXPLICIT_PORT = /:(\d{1,5})$/;

const readHostUrl = (raw: string): ParsedHostUrl | { problem: string } => {
  const fail = (what: string) => ({ problem: `must be of the form scheme://host:port, e.g. ${HOST_URL_EXAMPLE}: ${what}` });
  const url = raw.trim();
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase() as 'http' | 'https' | undefined;
  if (!scheme) return fail('the scheme must be http:// or https://');
  // A backslash is a "/" to URL but part of the host name to other parsers: refused, never guessed.
  if (url.includes('\\')) return fail('a backslash (\\) is not allowed');
  if ([...url].some((char) => char.charCodeAt(0) < 0x21 || char.charCodeAt(0) === 0x7f || /\s/.test(char))) return fail('spaces and control characters are not allowed');
  const rest = url.slice(scheme.length + 3);
  const authority = rest.split('/')[0] ?? '';
  if (authority.includes('@')) return fail('a user name or password (user@) is not allowed: give credentials in auth instead');
  if (/[?#]/.test(url)) return fail('a query (?) or fragment (#) is not allowed');
  const port = EXPLICIT_PORT.exec(authority)?.[1];
  if (port === undefined) return fail('the port is missing (mandatory, as reindex from remote requires)');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('it is not a valid URL');
  }
  const portNumber = Number(port);
  if (portNumber < 1 || portNumber > 65535) return fail('the port must be from 1 to 65535');
  // URL drops a default port ("http://h:80" has port ""), so the written one is kept: it must agree.
  if (parsed.port !== '' && Number(parsed.port) !== portNumber) return fail('the port is ambiguous');
  if (parsed.username || parsed.password) return fail('a user name or password (user@) is not allowed: give credentials in auth instead');
  const host = parsed.hostname.replace(/\.$/, '');
  if (!host || host.startsWith('.')) return fail('the host name is missing');
  const path = parsed.pathname.replace(/\/+$/, '');
  return { scheme, host, port: portNumber, path, url: `${scheme}://${host}:${portNumber}${path}` };
};

/** The string Elasticsearch checks against the allow-list. */
export const allowListKey = ({ host, port }: HostAndPort): string => `${host}:${port}`;

/**
 * `*` matches any run of characters, everything else itself. Greedy matching with one backtrack point:
 * linear in practice, and never worse than text × pattern.
 */
export const wildcardMatch = (pattern: string, text: string, { ignoreCase = false } = {}): boolean => {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? text.toLowerCase() : text;
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && p[pi] !== '*' && p[pi] === t[ti]) {
      pi += 1;
      ti += 1;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi;
      mark = ti;
      pi += 1;
    } else if (star !== -1) {
      pi = star + 1;
      mark += 1;
      ti = mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi += 1;
  return pi === p.length;
};

/**
 * Whether a pattern allows `target`. Elasticsearch compares case-sensitively (the default here, for
 * `reindex.remote.whitelist`); the plugin's own setting ignores case, as host names do.
 */
export const matchesAllowList = (target: HostAndPort, patterns: readonly string[], options: { ignoreCase?: boolean } = {}): boolean => {
  const key = allowListKey(target);
  return patterns.some((pattern) => wildcardMatch(pattern.trim(), key, options));
};

/** The `elasticsearch.yml` line that allows `target`, keeping what is already listed. */
export const allowListLine = (target: HostAndPort, existing: readonly string[] = []): string => {
  const entries = [...existing.filter((entry) => entry !== allowListKey(target)), allowListKey(target)];
  return `reindex.remote.whitelist: [${entries.map((entry) => JSON.stringify(entry)).join(', ')}]`;
};
