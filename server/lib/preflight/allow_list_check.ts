/*
 * 2. Allow-list: `reindex.remote.whitelist` of every destination node (a static node setting, read from
 * `_nodes/settings`), matched against the source's host:port the way Elasticsearch matches it
 * (case-sensitively, against the normalized URL the job sends).
 */
import { allowListLine, hostUrlProblem, matchesAllowList, parseHostUrl } from '../../../common/lib/allowlist';
import type { PreflightCheck, ReindexPreflightContext } from './types';

const asList = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter(Boolean);
  return [];
};

export const allowListCheck: PreflightCheck<ReindexPreflightContext> = {
  id: 'allow_list',
  title: 'Source allowed by reindex.remote.whitelist',
  async run({ destination, connection }) {
    const target = parseHostUrl(connection.host);
    if (!target) return { status: 'fail', message: `The source host ${connection.host} ${hostUrlProblem(connection.host) ?? 'is not a valid URL'}.` };
    const nodes = await destination.nodes.info({ metric: 'settings', filter_path: 'nodes.*.name,nodes.*.settings.reindex' } as never);
    const perNode = Object.values((nodes as { nodes?: Record<string, { name: string; settings?: { reindex?: { remote?: { whitelist?: unknown } } } }> }).nodes ?? {}).map(
      (node) => ({ name: node.name, whitelist: asList(node.settings?.reindex?.remote?.whitelist) })
    );
    const missing = perNode.filter((node) => !matchesAllowList(target, node.whitelist));
    const key = `${target.host}:${target.port}`;
    if (missing.length === 0) {
      return { status: 'pass', message: `Every destination node allows ${key}.`, details: { nodes: perNode } };
    }
    return {
      status: 'fail',
      message: `${missing.length} of ${perNode.length} destination node(s) do not allow ${key}: ${missing.map((n) => n.name).join(', ')}. The match is exact on host and port: no name is resolved, so "localhost" and "127.0.0.1" differ.`,
      remedy: `${allowListLine(target, missing[0]?.whitelist ?? [])}\n# in elasticsearch.yml on every destination node, then restart each node (the setting is static). On Elastic Cloud your value replaces the defaults ["*.io:*", "*.com:*"]: keep them if you need them.`,
      details: { nodes: perNode },
    };
  },
};
