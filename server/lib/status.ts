/* The destination cluster's name and version. */
import type { DestinationStatus } from '../../common/types/status';
import type { EsClient } from './es_client';
import { errorStatus } from './es_client';

export const getDestinationStatus = async (client: EsClient): Promise<DestinationStatus> => {
  try {
    const info = await client.info();
    return { cluster_name: info.cluster_name, version: info.version.number, build_flavor: info.version.build_flavor };
  } catch (error) {
    // A distribution without the rest-root module has no `GET /` (405): the node's own record says the same.
    if (errorStatus(error) !== 405 && errorStatus(error) !== 404) throw error;
    const nodes = await client.nodes.info({ node_id: '_local', metric: '_none' });
    const node = Object.values(nodes.nodes)[0];
    return { cluster_name: nodes.cluster_name, version: node?.version ?? 'unknown', build_flavor: node?.build_flavor ?? 'default' };
  }
};
