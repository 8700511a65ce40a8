/*
 * The source's data indices: several shapes real clusters hold (nested objects, keyword and text, dates,
 * geo_point, a custom analyzer, an index behind an alias, an empty index, a templated index, a large time
 * series). Documents come from a seeded generator, so every run produces the same ones.
 */
import { INGEST_PIPELINE } from './templates';

/** Bump when the sample data changes, so existing test beds are re-seeded. */
export const SEED_VERSION = 2;
export const LARGE_INDEX = 'web-logs-2024';
export const LARGE_INDEX_DOCS = 200_000;

export interface SampleIndex {
  name: string;
  alias?: string;
  settings?: Record<string, unknown> & { refresh_interval?: string };
  mappings?: Record<string, unknown>;
  /** Number of documents `documents()` yields. */
  count: number;
  documents: () => Iterable<{ id: string; source: Record<string, unknown> }>;
}

/** mulberry32: a tiny deterministic PRNG, so the sample data is identical on every machine. */
export const createRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const pick = <T>(random: () => number, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)] as T;

const CITIES = [
  { city: 'Amsterdam', lat: 52.37, lon: 4.9 },
  { city: 'Berlin', lat: 52.52, lon: 13.4 },
  { city: 'Lisbon', lat: 38.72, lon: -9.14 },
  { city: 'Montreal', lat: 45.5, lon: -73.57 },
  { city: 'Osaka', lat: 34.69, lon: 135.5 },
  { city: 'São Paulo', lat: -23.55, lon: -46.63 },
] as const;
const COLORS = ['black', 'white', 'red', 'blue', 'green'] as const;
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'] as const;
const STATUSES = [200, 200, 200, 200, 201, 204, 301, 404, 500] as const;
const PATHS = ['/', '/cart', '/checkout', '/products', '/search', '/api/orders', '/login'] as const;
const WORDS = ['swift', 'quiet', 'bright', 'classic', 'sturdy', 'light', 'compact', 'smart', 'eco'] as const;
const NOUNS = ['Backpack', 'Lamp', 'Kettle', 'Chair', 'Headphones', 'Bottle', 'Jacket', 'Desk'] as const;

const LOGS_START = Date.UTC(2024, 0, 1);
const LOGS_SPAN_MS = Date.UTC(2024, 6, 1) - LOGS_START;

function* webLogs(): Iterable<{ id: string; source: Record<string, unknown> }> {
  const random = createRandom(2024);
  for (let i = 0; i < LARGE_INDEX_DOCS; i++) {
    const place = pick(random, CITIES);
    // Evenly spread over the half-year, so ranges of @timestamp split the index into equal parts.
    const timestamp = LOGS_START + Math.floor((i / LARGE_INDEX_DOCS) * LOGS_SPAN_MS);
    const method = pick(random, METHODS);
    const path = pick(random, PATHS);
    const status = pick(random, STATUSES);
    yield {
      id: `log-${i}`,
      source: {
        '@timestamp': new Date(timestamp).toISOString(),
        message: `${method} ${path} HTTP/1.1 ${status}`,
        http: { method, status_code: status, path },
        bytes: Math.floor(random() * 50_000),
        client: {
          ip: `10.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`,
          geo: { city: place.city, location: { lat: place.lat, lon: place.lon } },
        },
      },
    };
  }
}

function* products(): Iterable<{ id: string; source: Record<string, unknown> }> {
  const random = createRandom(7);
  for (let i = 0; i < 2_000; i++) {
    const name = `${pick(random, WORDS)} ${pick(random, NOUNS)} ${i}`;
    yield {
      id: `product-${i}`,
      source: {
        name,
        description: `The ${name.toLowerCase()} is ${pick(random, WORDS)} and ${pick(random, WORDS)}.`,
        category: pick(random, NOUNS).toLowerCase(),
        tags: [pick(random, WORDS), pick(random, WORDS)],
        created_at: new Date(Date.UTC(2023, 0, 1) + i * 3_600_000).toISOString(),
        variants: COLORS.slice(0, 1 + (i % COLORS.length)).map((color, v) => ({
          sku: `SKU-${i}-${v}`,
          color,
          price: Math.round(random() * 20_000) / 100,
          in_stock: random() > 0.3,
        })),
      },
    };
  }
}

function* stores(): Iterable<{ id: string; source: Record<string, unknown> }> {
  const random = createRandom(11);
  for (let i = 0; i < 500; i++) {
    const place = pick(random, CITIES);
    yield {
      id: `store-${i}`,
      source: {
        name: `Store ${i}`,
        city: place.city,
        location: { lat: place.lat + (random() - 0.5) / 10, lon: place.lon + (random() - 0.5) / 10 },
        opened: new Date(Date.UTC(2010, 0, 1) + Math.floor(random() * 4_000) * 86_400_000)
          .toISOString()
          .slice(0, 10),
      },
    };
  }
}

function* orders(): Iterable<{ id: string; source: Record<string, unknown> }> {
  const random = createRandom(2023);
  for (let i = 0; i < 10_000; i++) {
    yield {
      id: `order-${i}`,
      source: {
        order_id: `O-2023-${String(i).padStart(6, '0')}`,
        created_at: new Date(Date.UTC(2023, 0, 1) + i * 3_100_000).toISOString(),
        customer: { name: `Customer ${i % 977}`, email: `customer${i % 977}@example.com` },
        total: Math.round(random() * 50_000) / 100,
        status: pick(random, ['paid', 'shipped', 'delivered', 'refunded'] as const),
      },
    };
  }
}

function* metrics(): Iterable<{ id: string; source: Record<string, unknown> }> {
  const random = createRandom(99);
  for (let i = 0; i < 1_000; i++) {
    yield {
      id: `metric-${i}`,
      source: {
        '@timestamp': new Date(Date.UTC(2024, 5, 1) + i * 60_000).toISOString(),
        host: { name: `host-${i % 5}` },
        cpu: Math.round(random() * 1000) / 10,
        memory_bytes: Math.floor(random() * 16e9),
      },
    };
  }
}

/** Large documents (~256 KB each): what the batch-size check must catch at a careless batch size. */
export const LARGE_DOCS_INDEX = 'attachments';
const LARGE_DOC_BYTES = 256 * 1024;

function* attachments(): Iterable<{ id: string; source: Record<string, unknown> }> {
  const random = createRandom(404);
  for (let i = 0; i < 40; i++) {
    const words: string[] = [];
    let size = 0;
    while (size < LARGE_DOC_BYTES) {
      const word = `${pick(random, WORDS)}${Math.floor(random() * 1000)}`;
      words.push(word);
      size += word.length + 1;
    }
    yield { id: `attachment-${i}`, source: { filename: `report-${i}.txt`, content: words.join(' ') } };
  }
}

export const SAMPLE_INDICES: SampleIndex[] = [
  {
    name: LARGE_INDEX,
    count: LARGE_INDEX_DOCS,
    settings: { number_of_shards: 2 },
    mappings: {
      properties: {
        '@timestamp': { type: 'date' },
        message: { type: 'text' },
        http: {
          properties: {
            method: { type: 'keyword' },
            status_code: { type: 'short' },
            path: { type: 'keyword' },
          },
        },
        bytes: { type: 'long' },
        client: {
          properties: {
            ip: { type: 'ip' },
            geo: { properties: { city: { type: 'keyword' }, location: { type: 'geo_point' } } },
          },
        },
      },
    },
    documents: webLogs,
  },
  {
    name: 'products',
    count: 2_000,
    settings: {
      number_of_shards: 1,
      'index.default_pipeline': INGEST_PIPELINE.name,
      analysis: {
        analyzer: {
          product_name: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'stop'] },
        },
      },
    },
    mappings: {
      properties: {
        name: { type: 'text', analyzer: 'product_name', fields: { raw: { type: 'keyword' } } },
        description: { type: 'text' },
        category: { type: 'keyword' },
        tags: { type: 'keyword' },
        created_at: { type: 'date' },
        variants: {
          type: 'nested',
          properties: {
            sku: { type: 'keyword' },
            color: { type: 'keyword' },
            price: { type: 'float' },
            in_stock: { type: 'boolean' },
          },
        },
      },
    },
    documents: products,
  },
  {
    name: 'stores',
    count: 500,
    settings: { number_of_shards: 1 },
    mappings: {
      properties: {
        name: { type: 'keyword' },
        city: { type: 'keyword' },
        location: { type: 'geo_point' },
        opened: { type: 'date', format: 'yyyy-MM-dd' },
      },
    },
    documents: stores,
  },
  {
    name: 'orders-2023',
    alias: 'orders',
    count: 10_000,
    settings: { number_of_shards: 1 },
    mappings: {
      properties: {
        order_id: { type: 'keyword' },
        created_at: { type: 'date' },
        customer: { properties: { name: { type: 'text' }, email: { type: 'keyword' } } },
        total: { type: 'double' },
        status: { type: 'keyword' },
      },
    },
    documents: orders,
  },
  {
    name: 'empty-index',
    count: 0,
    settings: { number_of_shards: 1 },
    mappings: { properties: { title: { type: 'text' }, created_at: { type: 'date' } } },
    documents: () => [],
  },
  {
    name: LARGE_DOCS_INDEX,
    count: 40,
    settings: { number_of_shards: 1 },
    mappings: { properties: { filename: { type: 'keyword' }, content: { type: 'text' } } },
    documents: attachments,
  },
  {
    // Settings and mappings come from the index template (and its component template).
    name: 'metrics-app-000001',
    count: 1_000,
    documents: metrics,
  },
];
