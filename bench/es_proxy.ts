/*
 * A counting pass-through between the development host and the destination: every request the Kibana
 * server side sends to Elasticsearch is forwarded unchanged and recorded (time, method, path), so the
 * benchmark can say how many requests a job cost without asking the plugin. Reindex-from-remote traffic
 * (destination → source) does not pass through it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  at: number;
  method: string;
  path: string;
}

export interface CountingProxy {
  url: string;
  requests: ProxiedRequest[];
  /** Requests between two performance.now() times. */
  between(from: number, to: number): ProxiedRequest[];
  close(): Promise<void>;
}

/** A path with index and id names folded (`/<index>/_doc/<id>` → `/{name}/_doc/{name}`), for grouping. */
export const pathShape = (path: string): string =>
  (path.split('?')[0] ?? '')
    .split('/')
    .map((part, i) => (i === 0 || part.startsWith('_') ? part : '{name}'))
    .join('/');

export const startCountingProxy = async (target: string): Promise<CountingProxy> => {
  const upstream = new URL(target);
  const requests: ProxiedRequest[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((request, response) => {
    requests.push({ at: performance.now(), method: request.method ?? 'GET', path: request.url ?? '/' });
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host }, agent },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      }
    );
    forward.on('error', (error) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`bench proxy: ${error.message}`);
    });
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    between: (from, to) => requests.filter((r) => r.at >= from && r.at <= to),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
};
