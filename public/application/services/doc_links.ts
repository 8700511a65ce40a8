/*
 * Links to Elastic's documentation for each concept the app explains, built from Kibana's docLinks
 * service (ELASTIC_WEBSITE_URL and DOC_LINK_VERSION), so they follow the running Kibana's version.
 */
import type { CoreStart } from '@kbn/core/public';

export const documentationLinks = ({ ELASTIC_WEBSITE_URL, DOC_LINK_VERSION }: CoreStart['docLinks']) => {
  const es = `${ELASTIC_WEBSITE_URL}guide/en/elasticsearch/reference/${DOC_LINK_VERSION}`;
  const kibana = `${ELASTIC_WEBSITE_URL}guide/en/kibana/${DOC_LINK_VERSION}`;
  return {
    reindexFromRemote: `${es}/docs-reindex.html#reindex-from-remote`,
    reindexSsl: `${es}/docs-reindex.html#reindex-ssl`,
    reindexThrottle: `${es}/docs-reindex.html#docs-reindex-throttle`,
    snapshotRestore: `${es}/snapshots-restore-snapshot.html`,
    readOnlyRepository: `${es}/snapshots-register-repository.html`,
    featureStates: `${es}/snapshot-restore.html#feature-state`,
    securityPrivileges: `${es}/security-privileges.html`,
    indexTemplates: `${es}/index-templates.html`,
    diskWatermarks: `${es}/modules-cluster.html#disk-based-shard-allocation`,
    upgradeCompatibility: `${es}/setup-upgrade.html`,
    users: `${es}/security-api-get-user.html`,
    savedObjects: `${kibana}/managing-saved-objects.html`,
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
