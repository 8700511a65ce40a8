/* The source's index template, component template and ingest pipeline (seed 001 moves these by hand). */

export const INGEST_PIPELINE = {
  name: 'products-ingest',
  body: {
    description: 'Default pipeline of the products index',
    // The test bed's Elasticsearch distributions ship no ingest-common module, so no processors are
    // available; an empty pipeline is still a pipeline the destination must have before data arrives.
    processors: [],
    _meta: { owner: 'migration-assistant-test-bed' },
  },
};

export const COMPONENT_TEMPLATE = {
  name: 'metrics-settings',
  body: {
    template: {
      settings: { number_of_shards: 1 },
      mappings: {
        properties: {
          '@timestamp': { type: 'date' },
          host: { properties: { name: { type: 'keyword' } } },
        },
      },
    },
    _meta: { description: 'Shared settings and mappings of metrics indices' },
  },
};

export const INDEX_TEMPLATE = {
  name: 'metrics',
  body: {
    index_patterns: ['metrics-app-*'],
    composed_of: [COMPONENT_TEMPLATE.name],
    priority: 200,
    template: {
      mappings: { properties: { cpu: { type: 'float' }, memory_bytes: { type: 'long' } } },
    },
    _meta: { description: 'Application metrics' },
  },
};
