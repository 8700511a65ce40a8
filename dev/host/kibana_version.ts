/*
 * The Kibana version the development host stands in for: the server's `packageInfo.version`, the version
 * its `kbn-version` check expects, and what the page's core.http sends as `kbn-version`. No imports, so
 * that both the host's server and its browser bundle can use it.
 */
export const KIBANA_VERSION = '9.1.0';
