/*
 * Development host only: core.docLinks as Kibana gives it (src/core/packages/doc-links/browser-internal/
 * src/doc_links_service.ts): DOC_LINK_VERSION is Kibana's branch, ELASTIC_WEBSITE_URL is
 * https://www.elastic.co/, and `links` mirrors Kibana's src/platform/packages/shared/kbn-doc-links/src/
 * get_doc_links.ts for the keys the plugin reads, with the URLs Kibana 9.1 gives (9.x, where
 * get_doc_meta's docsWebsiteUrl and apiDocsUrl are https://www.elastic.co/docs/ and .../docs/api/)
 * or Kibana 8.19 gives (8.x, guide/en pages for the branch).
 */
import type { DocLinksStart } from '@kbn/core/public';

const ELASTIC_WEBSITE_URL = 'https://www.elastic.co/';

export const hostDocLinks = (kibanaVersion: string): DocLinksStart => {
  const [major = '9', minor = '1'] = kibanaVersion.split('.');
  const DOC_LINK_VERSION = `${major}.${minor}`;
  if (Number(major) >= 9) {
    const ELASTIC_DOCS = `${ELASTIC_WEBSITE_URL}docs/`;
    const ELASTICSEARCH_APIS = `${ELASTIC_WEBSITE_URL}docs/api/doc/elasticsearch/`;
    return {
      ELASTIC_WEBSITE_URL,
      DOC_LINK_VERSION,
      links: {
        upgradeAssistant: { remoteReindex: `${ELASTICSEARCH_APIS}operation/operation-reindex` },
        elasticsearch: {
          indexTemplates: `${ELASTIC_DOCS}manage-data/data-store/templates`,
          setupUpgrade: `${ELASTIC_DOCS}deploy-manage/upgrade/deployment-or-cluster`,
        },
        security: { clusterPrivileges: `${ELASTIC_DOCS}reference/elasticsearch/security-privileges#privileges-list-cluster` },
        plugins: { snapshotRestoreRepos: `${ELASTIC_DOCS}deploy-manage/tools/snapshot-and-restore/self-managed` },
        snapshotRestore: { restoreSnapshot: `${ELASTIC_DOCS}deploy-manage/tools/snapshot-and-restore/restore-snapshot` },
      },
    };
  }
  const ELASTICSEARCH_DOCS = `${ELASTIC_WEBSITE_URL}guide/en/elasticsearch/reference/${DOC_LINK_VERSION}/`;
  return {
    ELASTIC_WEBSITE_URL,
    DOC_LINK_VERSION,
    links: {
      upgradeAssistant: { remoteReindex: `${ELASTICSEARCH_DOCS}docs-reindex.html#reindex-from-remote` },
      elasticsearch: {
        indexTemplates: `${ELASTICSEARCH_DOCS}index-templates.html`,
        setupUpgrade: `${ELASTICSEARCH_DOCS}setup-upgrade.html`,
      },
      security: { clusterPrivileges: `${ELASTICSEARCH_DOCS}security-privileges.html#privileges-list-cluster` },
      plugins: { snapshotRestoreRepos: `${ELASTICSEARCH_DOCS}snapshots-register-repository.html` },
      snapshotRestore: { restoreSnapshot: `${ELASTICSEARCH_DOCS}snapshots-restore-snapshot.html` },
    },
  };
};
