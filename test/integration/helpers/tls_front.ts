/* The source over the test bed's TLS front (basic auth, self-signed CA), as seed 003's users meet it. */
import fs from 'node:fs';
import { setReindexDestinationTrust, testBedInfo } from '../../../dev/es/testbed';
import { testBedNodes } from '../../../dev/es/testbed_config';
import type { SourceService } from '../../../server/lib/sources/source_service';
import { esRequest, uniqueName, waitUntil } from './es_http';

/** Saves a source pointing at the TLS front with its user, password and CA. */
export const saveTlsSource = async (sources: SourceService, name: string, password?: string) => {
  const { tls_front: tls } = await testBedInfo();
  return sources.create({
    name: uniqueName(name),
    host: tls.url,
    auth: { type: 'basic', username: tls.username, password: password ?? tls.password },
    ca_certificate: fs.readFileSync(tls.ca_path, 'utf8'),
  });
};

/**
 * Makes the reindex destination trust the TLS front's CA, or not, and waits until it is in effect
 * (Elasticsearch reloads the file on its own, a moment later): a one-document probe reindex succeeds,
 * or fails on the certificate.
 */
export const trustTlsFront = async (trusted: boolean): Promise<void> => {
  const { tls_front: tls } = await testBedInfo();
  const destination = testBedNodes().reindex_destination.url;
  const probe = uniqueName('tls-probe');
  setReindexDestinationTrust(trusted);
  await waitUntil(async () => {
    const answer = await esRequest(destination, 'POST', '/_reindex', {
      source: { remote: { host: tls.url, username: tls.username, password: tls.password }, index: 'stores' },
      dest: { index: probe },
      max_docs: 1,
    });
    return trusted ? answer.status === 200 : JSON.stringify(answer.body).includes('PKIX');
  }, 20_000);
  await esRequest(destination, 'DELETE', `/${probe}?ignore_unavailable=true`);
};
