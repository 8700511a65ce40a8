import { diffMappings, flattenMappings } from './mapping_diff';

describe('mapping comparison', () => {
  const source = {
    properties: {
      name: { type: 'text', fields: { keyword: { type: 'keyword' } } },
      location: { type: 'geo_point' },
      customer: { type: 'nested', properties: { id: { type: 'keyword' }, since: { type: 'date' } } },
      meta: { properties: { tag: { type: 'keyword' } } },
    },
  };

  it('flattens objects, nested fields and multi-fields into paths', () => {
    expect(Object.fromEntries(flattenMappings(source.properties))).toEqual({
      name: 'text',
      'name.keyword': 'keyword',
      location: 'geo_point',
      customer: 'nested',
      'customer.id': 'keyword',
      'customer.since': 'date',
      meta: 'object',
      'meta.tag': 'keyword',
    });
  });

  it('finds nothing when the destination holds the same fields plus its own', () => {
    const dest = { properties: { ...source.properties, added_later: { type: 'long' } } };
    expect(diffMappings(source, dest)).toEqual([]);
  });

  it('names missing fields and changed types', () => {
    const dest = {
      properties: {
        name: { type: 'text' },
        location: { type: 'keyword' },
        customer: { type: 'nested', properties: { id: { type: 'keyword' }, since: { type: 'date' } } },
        meta: { properties: { tag: { type: 'keyword' } } },
      },
    };
    expect(diffMappings(source, dest)).toEqual([
      { field: 'name.keyword', kind: 'missing_in_destination', source_type: 'keyword' },
      { field: 'location', kind: 'type_changed', source_type: 'geo_point', dest_type: 'keyword' },
    ]);
  });
});
