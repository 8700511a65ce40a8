/*
 * Host matching exactly as Elasticsearch matches `reindex.remote.whitelist`: each entry is a `host:port`
 * pattern where `*` matches any run of characters, compared against `<host>:<port>` of the remote's URL.
 * The scheme and any path prefix are ignored and no name is resolved, so `localhost` and `127.0.0.1` are
 * different hosts. The plugin's own `migrationAssistant.sources.allowedHosts` uses the same rules.
 */

export interface HostAndPort {
  host: string;
  port: number;
}

const HOST_URL = /^(?<scheme>https?):\/\/(?<host>\[[^\]]+\]|[^:/?#]+):(?<port>\d{1,5})(?<path>\/[^?#]*)?$/i;

/** Parses `scheme://host:port[/path]`; the port is mandatory, as reindex from remote requires. */
export const parseHostUrl = (url: string): (HostAndPort & { scheme: 'http' | 'https'; path: string }) | undefined => {
  const match = HOST_URL.exec(url.trim());
  const groups = match?.groups;
  if (!groups) return undefined;
  const port = Number(groups.port);
  if (port < 1 || port > 65535) return undefined;
  return {
    scheme: (groups.scheme ?? 'http').toLowerCase() as 'http' | 'https',
    host: groups.host ?? '',
    port,
    path: groups.path ?? '',
  };
};

const ESCAPE_REGEX = /[.+?^${}()|[\]\\]/g;

const patternToRegExp = (pattern: string): RegExp =>
  new RegExp(`^${pattern.split('*').map((part) => part.replace(ESCAPE_REGEX, '\\$&')).join('.*')}$`);

/** The string Elasticsearch checks against the allow-list. */
export const allowListKey = ({ host, port }: HostAndPort): string => `${host}:${port}`;

export const matchesAllowList = (target: HostAndPort, patterns: readonly string[]): boolean => {
  const key = allowListKey(target);
  return patterns.some((pattern) => patternToRegExp(pattern.trim()).test(key));
};

/** The `elasticsearch.yml` line that allows `target`, keeping what is already listed. */
export const allowListLine = (target: HostAndPort, existing: readonly string[] = []): string => {
  const entries = [...existing.filter((entry) => entry !== allowListKey(target)), allowListKey(target)];
  return `reindex.remote.whitelist: [${entries.map((entry) => JSON.stringify(entry)).join(', ')}]`;
};
