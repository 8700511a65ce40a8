import { hostDocLinks } from '../../../dev/host/kbn_runtime/doc_links';
import { documentationLinks, preflightDocLink, usesDocsSite } from './doc_links';

const WEBSITE = 'https://www.elastic.co/';

describe('documentationLinks', () => {
  it('on Kibana 9.1 takes the links Kibana has and builds the rest on www.elastic.co/docs', () => {
    const links = documentationLinks(hostDocLinks('9.1.0'), '9.1.0');
    expect(links).toEqual({
      reindexFromRemote: 'https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-reindex',
      reindexSsl: 'https://www.elastic.co/docs/reference/elasticsearch/rest-apis/reindex-indices#reindex-ssl',
      reindexThrottle: 'https://www.elastic.co/docs/reference/elasticsearch/rest-apis/reindex-indices#docs-reindex-throttle',
      snapshotRestore: 'https://www.elastic.co/docs/deploy-manage/tools/snapshot-and-restore/restore-snapshot',
      readOnlyRepository: 'https://www.elastic.co/docs/deploy-manage/tools/snapshot-and-restore/self-managed',
      featureStates: 'https://www.elastic.co/docs/deploy-manage/tools/snapshot-and-restore#feature-state',
      securityPrivileges: 'https://www.elastic.co/docs/reference/elasticsearch/security-privileges#privileges-list-cluster',
      indexTemplates: 'https://www.elastic.co/docs/manage-data/data-store/templates',
      diskWatermarks:
        'https://www.elastic.co/docs/reference/elasticsearch/configuration-reference/cluster-level-shard-allocation-routing-settings#disk-based-shard-allocation',
      upgradeCompatibility: 'https://www.elastic.co/docs/deploy-manage/upgrade/deployment-or-cluster',
      users: 'https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-security-get-user',
      savedObjects: 'https://www.elastic.co/docs/explore-analyze/find-and-organize/saved-objects',
    });
    expect(Object.values(links).every((url) => !url.includes('/guide/'))).toBe(true);
  });

  it('on Kibana 8.19 takes the links Kibana has and builds the rest as guide/en pages for the branch', () => {
    const links = documentationLinks(hostDocLinks('8.19.3'), '8.19.3');
    expect(links).toEqual({
      reindexFromRemote: 'https://www.elastic.co/guide/en/elasticsearch/reference/8.19/docs-reindex.html#reindex-from-remote',
      reindexSsl: 'https://www.elastic.co/guide/en/elasticsearch/reference/8.19/docs-reindex.html#reindex-ssl',
      reindexThrottle: 'https://www.elastic.co/guide/en/elasticsearch/reference/8.19/docs-reindex.html#docs-reindex-throttle',
      snapshotRestore: 'https://www.elastic.co/guide/en/elasticsearch/reference/8.19/snapshots-restore-snapshot.html',
      readOnlyRepository: 'https://www.elastic.co/guide/en/elasticsearch/reference/8.19/snapshots-register-repository.html',
      featureStates: 'https://www.elastic.co/guide/en/elasticsearch/reference/8.19/snapshot-restore.html#feature-state',
      securityPrivileges: 'https://www.elastic.co/guide/en/elasticsearch/reference/8.19/security-privileges.html#privileges-list-cluster',
      indexTemplates: 'https://www.elastic.co/guide/en/elasticsearch/reference/8.19/index-templates.html',
      diskWatermarks: 'https://www.elastic.co/guide/en/elasticsearch/reference/8.19/modules-cluster.html#disk-based-shard-allocation',
      upgradeCompatibility: 'https://www.elastic.co/guide/en/elasticsearch/reference/8.19/setup-upgrade.html',
      users: 'https://www.elastic.co/guide/en/elasticsearch/reference/8.19/security-api-get-user.html',
      savedObjects: 'https://www.elastic.co/guide/en/kibana/8.19/managing-saved-objects.html',
    });
  });

  it("uses Kibana's link whatever it is, for each key Kibana has", () => {
    const links = documentationLinks(
      {
        ELASTIC_WEBSITE_URL: WEBSITE,
        DOC_LINK_VERSION: '9.1',
        links: {
          upgradeAssistant: { remoteReindex: 'kibana:remoteReindex' },
          elasticsearch: { indexTemplates: 'kibana:indexTemplates', setupUpgrade: 'kibana:setupUpgrade' },
          security: { clusterPrivileges: 'kibana:clusterPrivileges' },
          plugins: { snapshotRestoreRepos: 'kibana:snapshotRestoreRepos' },
          snapshotRestore: { restoreSnapshot: 'kibana:restoreSnapshot' },
        },
      },
      '9.1.0'
    );
    expect(links).toMatchObject({
      reindexFromRemote: 'kibana:remoteReindex',
      indexTemplates: 'kibana:indexTemplates',
      upgradeCompatibility: 'kibana:setupUpgrade',
      securityPrivileges: 'kibana:clusterPrivileges',
      readOnlyRepository: 'kibana:snapshotRestoreRepos',
      snapshotRestore: 'kibana:restoreSnapshot',
    });
  });

  it.each(['8.19.0', '9.1.0'])("falls back to the URL Kibana %s gives when the running Kibana lacks the key", (version) => {
    const kibana = hostDocLinks(version);
    const withoutLinks = documentationLinks({ ELASTIC_WEBSITE_URL: kibana.ELASTIC_WEBSITE_URL, DOC_LINK_VERSION: kibana.DOC_LINK_VERSION }, version);
    expect(withoutLinks).toEqual(documentationLinks(kibana, version));
    // An empty link (a key Kibana keeps but leaves blank) counts as missing too.
    const blank = documentationLinks({ ...kibana, links: { ...kibana.links, snapshotRestore: { restoreSnapshot: '' } } }, version);
    expect(blank.snapshotRestore).toBe(withoutLinks.snapshotRestore);
  });

  it('without the Kibana version, reads the scheme from DOC_LINK_VERSION (main builds use the newest)', () => {
    expect(usesDocsSite({ DOC_LINK_VERSION: '8.19' })).toBe(false);
    expect(usesDocsSite({ DOC_LINK_VERSION: '8.x' })).toBe(false);
    expect(usesDocsSite({ DOC_LINK_VERSION: '9.1' })).toBe(true);
    expect(usesDocsSite({ DOC_LINK_VERSION: 'master' })).toBe(true);
    expect(usesDocsSite({ DOC_LINK_VERSION: 'current' })).toBe(true);
    // The Kibana version, when given, decides.
    expect(usesDocsSite({ DOC_LINK_VERSION: 'current' }, '8.19.0')).toBe(false);
    expect(documentationLinks({ ELASTIC_WEBSITE_URL: WEBSITE, DOC_LINK_VERSION: '8.19' }).reindexSsl).toBe(
      'https://www.elastic.co/guide/en/elasticsearch/reference/8.19/docs-reindex.html#reindex-ssl'
    );
  });

  it('links each preflight check to the page explaining it', () => {
    const links = documentationLinks(hostDocLinks('9.1.0'), '9.1.0');
    expect(preflightDocLink(links, 'capacity')).toBe(links.diskWatermarks);
    expect(preflightDocLink(links, 'source_connection')).toBe(links.reindexSsl);
    expect(preflightDocLink(links, 'privileges')).toBe(links.securityPrivileges);
    expect(preflightDocLink(links, 'unknown')).toBeUndefined();
  });
});
