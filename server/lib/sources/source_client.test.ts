import http from 'node:http';
import { AddressInfo } from 'node:net';
import { createSourceClient } from './source_client';

describe('source client', () => {
  it('sends each source its own credentials and plain JSON media types (no credential shared between clients)', async () => {
    const seen: Array<{ authorization?: string; accept?: string }> = [];
    const server = http.createServer((request, response) => {
      seen.push({ authorization: request.headers.authorization, accept: request.headers.accept });
      response.writeHead(200, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
      response.end(JSON.stringify({ name: 'n', cluster_name: 'c', cluster_uuid: 'u', version: { number: '7.17.9' }, tagline: 't' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await createSourceClient({ host, auth: { type: 'basic', username: 'a', password: 'first' } }).info();
      await createSourceClient({ host, auth: { type: 'basic', username: 'b', password: 'second' } }).info();
      await createSourceClient({ host, auth: { type: 'api_key', api_key: 'k' } }).info();
      await createSourceClient({ host, auth: { type: 'none' } }).info();
    } finally {
      server.close();
    }
    expect(seen.map((s) => s.authorization)).toEqual([
      `Basic ${Buffer.from('a:first').toString('base64')}`,
      `Basic ${Buffer.from('b:second').toString('base64')}`,
      'ApiKey k',
      undefined,
    ]);
    expect(seen.every((s) => s.accept === 'application/json')).toBe(true);
  });
});
