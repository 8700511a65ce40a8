/*
 * Fuzzing every route the server registers (read from server/routes), through the development host
 * against the test bed: malformed bodies, paths and queries (random types, huge strings, unicode, nested
 * junk, prototype-pollution keys, missing and extra fields), seeded so a failure reproduces. No answer
 * may be a 5xx, and every 4xx must say what is wrong: the field (Kibana's `[request body.x]`, or
 * `attributes.field`) or the cause (`attributes.code`, or the router's own message).
 */
import type { IRouter } from '@kbn/core/server';
import { API_BASE_PATH, API_VERSION } from '../../../common/constants';
import type { RunningHost } from '../../../dev/host/server/host_server';
import { registerRoutes } from '../../../server/routes';
import { startTestHost } from '../../functional/helpers/host';
import { createRandom } from '../../../dev/sample_data/indices';

const SEED = Number(process.env.MA_FUZZ_SEED ?? 20_241_130);
const PER_ROUTE = { bodies: 120, paths: 60, queries: 60 };
// Writes that miss (DELETE of an unknown verification) wait for a refresh: many at once keep it under 60 s.
const CONCURRENCY = 32;

interface RouteSpec {
  method: string;
  path: string;
}

/** The routes exactly as server/routes registers them, recorded by a router that only listens. */
const registeredRoutes = (): RouteSpec[] => {
  const routes: RouteSpec[] = [];
  const record = (method: string) => (config: { path: string }) => {
    routes.push({ method, path: config.path });
    const chain = { addVersion: () => chain };
    return chain;
  };
  const versioned = { get: record('GET'), post: record('POST'), put: record('PUT'), delete: record('DELETE'), patch: record('PATCH') };
  registerRoutes({
    router: { versioned, get: record('GET'), post: record('POST'), put: record('PUT'), delete: record('DELETE'), patch: record('PATCH') } as unknown as IRouter,
    getServices: () => Promise.reject(new Error('not used')),
    encryptionConfigured: false,
  });
  return routes;
};

/** The sample data's seeded generator (mulberry32): inputs vary reproducibly. */
const random = createRandom;

const UNICODE = ['é', 'ß', 'İ', '\u202e', '\u200b', '😀', '\ud800', '\udfff', '\u0000', '\u0085', '\ufeff', '𝔘', '中文', 'ﷺ', '\\', '"', '%', '..', '/', '\n'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'];
const SPECIAL_STRINGS = ['', ' ', 'null', 'undefined', 'true', 'NaN', '-1', '1e309', '0x10', '[object Object]', '{}', '../../etc/passwd', '%00', '*', '_all', '.kibana', '.security-7', '^(.*)*Z$', '(', '$1', '${jndi:ldap://x}', '<script>', 'http://a@b:9200', 'http://169.254.169.254\\.example.com:9200'];

/** Field names the API uses: junk under real names gets past "unknown key" and reaches the value rules. */
const FIELDS = [
  'type', 'name', 'host', 'auth', 'username', 'password', 'api_key', 'ca_certificate', 'source_id', 'items', 'source', 'dest', 'indices', 'rename', 'pattern',
  'replacement', 'options', 'concurrency', 'requests_per_second', 'batch_size', 'prepare_destination', 'conflicts', 'partition_threshold_docs', 'include_system',
  'include_hidden', 'confirmation', 'repository', 'snapshot', 'rename_pattern', 'rename_replacement', 'include_aliases', 'index_settings', 'ignore_index_settings',
  'partial', 'overwrite_existing', 'feature_states', 'safety_repository', 'method', 'job_id', 'settings', 'readonly', 'location', 'mode', 'item_ids', 'item_id',
];

const fuzzer = (next: () => number) => {
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T,>(list: readonly T[]): T => list[int(list.length)] as T;
  const string = (): string => {
    switch (int(6)) {
      case 0:
        return pick(SPECIAL_STRINGS);
      case 1:
        return Array.from({ length: 1 + int(12) }, () => pick(UNICODE)).join('');
      case 2:
        return pick(['a', '.', '*', 'é', '😀']).repeat(int(3) === 0 ? 200_000 : 1 + int(300));
      case 3:
        return String(int(1e9) - 5e8);
      default:
        return Array.from({ length: int(20) }, () => String.fromCharCode(32 + int(95))).join('');
    }
  };
  const value = (depth = 0): unknown => {
    switch (int(depth > 6 ? 6 : 9)) {
      case 0:
        return null;
      case 1:
        return next() < 0.5;
      case 2:
        return pick([0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, 10_001, 65_536]);
      case 3:
      case 4:
      case 5:
        return string();
      case 6:
        return Array.from({ length: int(4) }, () => value(depth + 1));
      case 7:
        return object(depth + 1);
      default:
        // Deeply nested junk.
        return Array.from({ length: 30 + int(200) }).reduce<unknown>((inner) => (next() < 0.5 ? [inner] : { a: inner }), string());
    }
  };
  const object = (depth = 0): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (let i = int(5); i > 0; i -= 1) out[next() < 0.6 ? pick(FIELDS) : next() < 0.5 ? pick(PROTO_KEYS) : string().slice(0, 40)] = value(depth);
    return out;
  };
  return { next, int, pick, string, value, object };
};

/** Valid-looking templates per route: mutated (fields dropped, replaced, added) more often than random junk. */
const TEMPLATES: Record<string, unknown> = {
  // A host outside the allow-list: a mutation that stays valid is refused without writing a source.
  'POST /sources': { name: 'fuzz', host: 'http://192.0.2.1:1', auth: { type: 'basic', username: 'u', password: 'p' } },
  'PUT /sources/{id}': { name: 'fuzz', host: 'http://192.0.2.1:1', auth: { type: 'none' } },
  'POST /preflight': { method: 'reindex', source_id: 'missing', indices: ['stores'], rename: { pattern: '^(.*)$', replacement: 'x-$1' } },
  'POST /jobs': { type: 'reindex', source_id: 'missing', items: [{ source: 'stores', dest: 'x' }], options: { concurrency: 1, batch_size: 10 } },
  'PUT /repositories/{name}': { type: 'fs', settings: { location: '/nowhere' }, readonly: true },
  'POST /verifications': { job_id: 'missing' },
  'POST /jobs/{id}/_rethrottle': { requests_per_second: 10 },
  'POST /jobs/{id}/_retry': { mode: 'resume', item_ids: ['x'] },
  'POST /jobs/{id}/_cleanup': { indices: ['x'] },
  'POST /jobs/{id}/_reindex_into_place': { safety_repository: 'x', confirmation: 'x' },
};

const mutate = (template: unknown, f: ReturnType<typeof fuzzer>, depth = 0): unknown => {
  if (template === null || typeof template !== 'object' || depth > 4) return f.int(4) === 0 ? f.value() : template;
  if (Array.isArray(template)) return f.int(5) === 0 ? f.value() : template.map((item) => mutate(item, f, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(template)) {
    const roll = f.int(6);
    if (roll === 0) continue; // missing
    out[key] = roll === 1 ? f.value() : mutate(item, f, depth + 1);
  }
  if (f.int(4) === 0) out[f.next() < 0.5 ? f.pick(PROTO_KEYS) : f.pick(FIELDS)] = f.value(); // extra
  return out;
};

/** The JSON text of a body, with raw `__proto__` keys kept (JSON.stringify drops an object's prototype). */
const bodyText = (body: unknown, f: ReturnType<typeof fuzzer>): string => {
  const text = JSON.stringify(body) ?? 'null';
  if (f.int(6) === 0 && text.startsWith('{') && text.length > 2) return `{"__proto__":{"polluted":true},${text.slice(1)}`;
  if (f.int(20) === 0) return pickMalformed(f);
  return text;
};

const pickMalformed = (f: ReturnType<typeof fuzzer>) => f.pick(['{', '{"a":}', 'not json', '[1,2', '\u0000', '{"a":1}{"b":2}', '"\\ud800"', '1e99999']);

/** A path parameter: junk percent-encoded (surrogate halves cannot be), now and then a raw malformed escape. */
const fillPath = (path: string, f: ReturnType<typeof fuzzer>, junk: boolean): string =>
  path.replace(/\{[a-z_]+\}/g, () => {
    if (!junk) return 'fuzz-missing';
    if (f.int(10) === 0) return f.pick(['%', '%zz', '%00', '%2e%2e', '..', '%c0%af', '%ff%fe']);
    // At most ~9 kB encoded: Kibana (like Node) refuses a request line and headers over 16 kB before routing.
    return encodeURIComponent(f.string().slice(0, f.int(3) === 0 ? 1000 : 60).replace(/[\ud800-\udfff]/g, '\ufffd') || 'x');
  });

interface Outcome {
  request: string;
  status: number;
  body: string;
  ms: number;
}

describe('fuzzing every route', () => {
  let host: RunningHost;
  const routes = registeredRoutes();
  const outcomes: Outcome[] = [];

  let sourcesBefore = new Set<string>();
  const sourceIds = async (): Promise<string[]> => {
    const response = await fetch(`${host.url}${API_BASE_PATH}/sources`, { headers: { 'elastic-api-version': API_VERSION } });
    return ((await response.json()) as { sources: Array<{ id: string }> }).sources.map((source) => source.id);
  };

  beforeAll(async () => {
    host = await startTestHost({ pluginConfig: { encryptionKey: 'fuzz-tests-encryption-key-0123456789abcdef', pollIntervalMs: 60_000 } });
    sourcesBefore = new Set(await sourceIds());
  });

  afterAll(async () => {
    // A mutated body may still be valid: what the fuzz saved goes.
    for (const id of (await sourceIds().catch(() => [])).filter((id) => !sourcesBefore.has(id))) {
      await fetch(`${host.url}${API_BASE_PATH}/sources/${id}`, { method: 'DELETE', headers: { 'kbn-xsrf': 'fuzz', 'elastic-api-version': API_VERSION } });
    }
    await host?.stop();
  });

  it('reads the routes from server/routes', () => {
    expect(routes.length).toBeGreaterThanOrEqual(25);
    expect(routes).toEqual(expect.arrayContaining([{ method: 'PUT', path: `${API_BASE_PATH}/repositories/{name}` }, { method: 'POST', path: `${API_BASE_PATH}/jobs` }]));
  });

  it(
    'answers malformed bodies, paths and queries with 4xx that name the field or the cause, never 5xx',
    async () => {
      const f = fuzzer(random(SEED));
      const requests: Array<{ method: string; path: string; body?: string }> = [];
      for (const route of routes) {
        const key = `${route.method} ${route.path.slice(API_BASE_PATH.length)}`;
        const template = TEMPLATES[key];
        const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
        for (let i = 0; i < PER_ROUTE.bodies; i += 1) {
          const body = template && f.int(3) > 0 ? mutate(template, f) : f.int(3) === 0 ? f.value() : f.object();
          requests.push({ method: route.method, path: fillPath(route.path, f, false), body: hasBody || (route.method === 'DELETE' && f.int(10) === 0) ? bodyText(body, f) : undefined });
        }
        for (let i = 0; i < PER_ROUTE.paths; i += 1) {
          requests.push({ method: route.method, path: fillPath(route.path, f, true), body: hasBody ? bodyText(template ?? {}, f) : undefined });
        }
        for (let i = 0; i < PER_ROUTE.queries; i += 1) {
          const query = new URLSearchParams();
          for (let n = f.int(4); n >= 0; n -= 1) {
            const name = f.next() < 0.5 ? f.pick(['pattern', 'page', 'per_page', 'include_system', 'include_hidden', 'dry_run', 'status', 'format', 'apiVersion']) : f.pick([...PROTO_KEYS, ...FIELDS]);
            query.append(f.int(8) === 0 ? `${name}[]` : name, f.string().slice(0, f.int(4) === 0 ? 300 : 50));
          }
          requests.push({ method: route.method, path: `${fillPath(route.path, f, false)}?${query.toString()}`, body: hasBody ? bodyText(template ?? {}, f) : undefined });
        }
      }

      const send = async ({ method, path, body }: { method: string; path: string; body?: string }) => {
        const request = `${method} ${path.slice(0, 200)} ${(body ?? '').slice(0, 300)}`;
        const started = Date.now();
        try {
          const response = await fetch(`${host.url}${path}`, {
            method,
            headers: { 'content-type': 'application/json', 'kbn-xsrf': 'fuzz', 'elastic-api-version': API_VERSION },
            body,
          });
          const text = await response.text();
          // Judged on the whole body, reported shortened.
          outcomes.push({ request, status: response.status, body: response.status >= 400 && !explains(text) ? `UNEXPLAINED ${text.slice(0, 500)}` : text.slice(0, 500), ms: Date.now() - started });
        } catch (error) {
          // A dropped connection is a failure of its own, reported with the request that caused it.
          outcomes.push({ request, status: 599, body: `no answer: ${(error as Error).message}`, ms: Date.now() - started });
        }
      };
      let cursor = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (cursor < requests.length) {
            const request = requests[cursor++];
            if (request) await send(request);
          }
        })
      );

      expect(outcomes.length).toBe(requests.length);
      if (process.env.MA_FUZZ_TIMINGS) {
        const byRoute = new Map<string, number>();
        for (const outcome of outcomes) byRoute.set(outcome.request.split(' ').slice(0, 2).join(' ').replace(/\?.*/, ''), (byRoute.get(outcome.request.split(' ').slice(0, 2).join(' ').replace(/\?.*/, '')) ?? 0) + outcome.ms);
        console.log([...byRoute].sort((a, b) => b[1] - a[1]).slice(0, 15));
      }
      const serverErrors = outcomes.filter((outcome) => outcome.status >= 500);
      expect(serverErrors.slice(0, 10)).toEqual([]);
      const unexplained = outcomes.filter((outcome) => outcome.body.startsWith('UNEXPLAINED'));
      expect(unexplained.slice(0, 10)).toEqual([]);
      // The fuzz reached past validation too: some requests got to the engine (404s, 409s, 200s).
      expect(outcomes.some((outcome) => outcome.status === 404 && outcome.body.includes('"code"'))).toBe(true);
      // Nothing polluted Object.prototype in this process (the host runs in it).
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    60_000
  );
});

/** A 4xx body that names the field or the cause. */
const explains = (text: string): boolean => {
  let body: { message?: unknown; attributes?: { code?: unknown; field?: unknown } };
  try {
    body = JSON.parse(text);
  } catch {
    return false;
  }
  const message = typeof body.message === 'string' ? body.message : '';
  if (!message.trim()) return false;
  if (/\[request (body|query|params)[^\]]*\]/.test(message)) return true;
  if (typeof body.attributes?.field === 'string' || typeof body.attributes?.code === 'string') return true;
  // The router's own refusals name their cause in the message (xsrf, versions, payload, unknown route).
  return /kbn-xsrf|version|payload|JSON|request path|Not Found|Method Not Allowed|Unsupported Media Type|too large/i.test(message);
};
