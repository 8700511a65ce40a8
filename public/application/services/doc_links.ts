/*
 * Links to Elastic's documentation for each concept the app explains, for the running Kibana's version.
 *
 * A link Kibana itself has (core.docLinks.links, built by Kibana's kbn-doc-links get_doc_links.ts) is
 * taken from Kibana. The others are built with the URL scheme of the running version, as Kibana's
 * getDocLinks builds its own:
 * - 8.x: `${ELASTIC_WEBSITE_URL}guide/en/elasticsearch/reference/${DOC_LINK_VERSION}/<page>.html`;
 * - 9.x: the documentation site, `${ELASTIC_WEBSITE_URL}docs/<path>`, and the API reference,
 *   `${ELASTIC_WEBSITE_URL}docs/api/doc/elasticsearch/operation/<operation>`.
 * Kibana's keys are not a stable API (Kibana renames and removes them), so a key missing from the
 * running Kibana falls back to the URL Kibana 8.19 / 9.1 give for it.
 */
import type { DocLinksStart } from '@kbn/core/public';

type DeepPartial<T> = { readonly [K in keyof T]?: T[K] extends string ? T[K] : DeepPartial<T[K]> };

/** core.docLinks, whose `links` may lack keys (another Kibana version, or a test's stand-in). */
export type DocLinksInput = Pick<DocLinksStart, 'ELASTIC_WEBSITE_URL' | 'DOC_LINK_VERSION'> & {
  readonly links?: DeepPartial<DocLinksStart['links']>;
};

/** The first Kibana (and Elasticsearch) major documented on www.elastic.co/docs rather than guide/en. */
const FIRST_DOCS_SITE_MAJOR = 9;

const majorOf = (version: string | undefined): number | undefined => {
  const match = /^(\d+)(?:\.|$)/.exec(version ?? '');
  return match ? Number(match[1]) : undefined;
};

/**
 * Whether the running Kibana documents the stack on www.elastic.co/docs: from its version when known,
 * else from DOC_LINK_VERSION, Kibana's branch ('8.19', '9.1'; 'master' or 'current' on main, the newest).
 */
export const usesDocsSite = (docLinks: Pick<DocLinksStart, 'DOC_LINK_VERSION'>, kibanaVersion?: string): boolean => {
  const major = majorOf(kibanaVersion) ?? majorOf(docLinks.DOC_LINK_VERSION);
  return major === undefined || major >= FIRST_DOCS_SITE_MAJOR;
};

const fromKibana = (link: string | undefined, fallback: string): string => (typeof link === 'string' && link !== '' ? link : fallback);

export const documentationLinks = (docLinks: DocLinksInput, kibanaVersion?: string) => {
  const { ELASTIC_WEBSITE_URL, DOC_LINK_VERSION, links } = docLinks;
  const docsSite = usesDocsSite(docLinks, kibanaVersion);
  // Kibana 9.1's ELASTIC_DOCS and ELASTICSEARCH_APIS; Kibana 8.19's ELASTICSEARCH_DOCS and KIBANA_DOCS.
  const docs = `${ELASTIC_WEBSITE_URL}docs/`;
  const esApis = `${ELASTIC_WEBSITE_URL}docs/api/doc/elasticsearch/`;
  const es = `${ELASTIC_WEBSITE_URL}guide/en/elasticsearch/reference/${DOC_LINK_VERSION}/`;
  const kibana = `${ELASTIC_WEBSITE_URL}guide/en/kibana/${DOC_LINK_VERSION}/`;
  const byVersion = (guide: string, site: string) => (docsSite ? site : guide);
  return {
    reindexFromRemote: fromKibana(
      links?.upgradeAssistant?.remoteReindex,
      byVersion(`${es}docs-reindex.html#reindex-from-remote`, `${esApis}operation/operation-reindex`)
    ),
    reindexSsl: byVersion(`${es}docs-reindex.html#reindex-ssl`, `${docs}reference/elasticsearch/rest-apis/reindex-indices#reindex-ssl`),
    reindexThrottle: byVersion(`${es}docs-reindex.html#docs-reindex-throttle`, `${docs}reference/elasticsearch/rest-apis/reindex-indices#docs-reindex-throttle`),
    snapshotRestore: fromKibana(
      links?.snapshotRestore?.restoreSnapshot,
      byVersion(`${es}snapshots-restore-snapshot.html`, `${docs}deploy-manage/tools/snapshot-and-restore/restore-snapshot`)
    ),
    readOnlyRepository: fromKibana(
      links?.plugins?.snapshotRestoreRepos,
      byVersion(`${es}snapshots-register-repository.html`, `${docs}deploy-manage/tools/snapshot-and-restore/self-managed`)
    ),
    featureStates: byVersion(`${es}snapshot-restore.html#feature-state`, `${docs}deploy-manage/tools/snapshot-and-restore#feature-state`),
    securityPrivileges: fromKibana(
      links?.security?.clusterPrivileges,
      byVersion(`${es}security-privileges.html#privileges-list-cluster`, `${docs}reference/elasticsearch/security-privileges#privileges-list-cluster`)
    ),
    indexTemplates: fromKibana(links?.elasticsearch?.indexTemplates, byVersion(`${es}index-templates.html`, `${docs}manage-data/data-store/templates`)),
    diskWatermarks: byVersion(
      `${es}modules-cluster.html#disk-based-shard-allocation`,
      `${docs}reference/elasticsearch/configuration-reference/cluster-level-shard-allocation-routing-settings#disk-based-shard-allocation`
    ),
    upgradeCompatibility: fromKibana(
      links?.elasticsearch?.setupUpgrade,
      byVersion(`${es}setup-upgrade.html`, `${docs}deploy-manage/upgrade/deployment-or-cluster`)
    ),
    users: byVersion(`${es}security-api-get-user.html`, `${esApis}operation/operation-security-get-user`),
    savedObjects: byVersion(`${kibana}managing-saved-objects.html`, `${docs}explore-analyze/find-and-organize/saved-objects`),
  };
};

export type DocumentationLinks = ReturnType<typeof documentationLinks>;

/** The page explaining what a preflight check checks. */
export const preflightDocLink = (links: DocumentationLinks, checkId: string): string | undefined =>
  ({
    versions: links.upgradeCompatibility,
    allow_list: links.reindexFromRemote,
    reachability: links.reindexSsl,
    source_connection: links.reindexSsl,
    privileges: links.securityPrivileges,
    templates_and_pipelines: links.indexTemplates,
    capacity: links.diskWatermarks,
  })[checkId];
