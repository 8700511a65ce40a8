import { destinationDefinition, HOLD_BACK_MIN_DOCS, sanitizeSettings } from './prepare_destination';

describe('destination settings', () => {
  it('drops what Elasticsearch sets itself, holds back replicas, refresh and pipelines', () => {
    const { create, deferred } = sanitizeSettings({
      'index.uuid': 'abc',
      'index.creation_date': '1',
      'index.provided_name': 'x',
      'index.version.created': '7170999',
      'index.number_of_shards': '2',
      'index.number_of_replicas': '1',
      'index.refresh_interval': '5s',
      'index.default_pipeline': 'p1',
      'index.analysis.analyzer.a.type': 'custom',
      'index.soft_deletes.enabled': 'true',
    });
    expect(create).toEqual({
      'index.number_of_shards': '2',
      'index.analysis.analyzer.a.type': 'custom',
      'index.number_of_replicas': '0',
      'index.refresh_interval': '-1',
    });
    expect(deferred).toEqual({ 'index.number_of_replicas': '1', 'index.refresh_interval': '5s', 'index.default_pipeline': 'p1' });
  });

  it('creates a small index as it will stay (nothing to put back), unless it has pipelines', () => {
    const definition = { mappings: {}, settings: { 'index.number_of_shards': '1', 'index.number_of_replicas': '1', 'index.refresh_interval': '5s' } };
    expect(destinationDefinition(definition, { docs: HOLD_BACK_MIN_DOCS - 1 })).toEqual({
      settings: { 'index.number_of_shards': '1', 'index.number_of_replicas': '1', 'index.refresh_interval': '5s' },
      mappings: {},
      deferred: undefined,
    });
    // No refresh interval on the source: the destination's default, not -1.
    expect(destinationDefinition({ mappings: {}, settings: { 'index.number_of_replicas': '0' } }, { docs: 10 }).settings).toEqual({ 'index.number_of_replicas': '0' });
    expect(destinationDefinition(definition, { docs: HOLD_BACK_MIN_DOCS }).deferred).toEqual({ 'index.number_of_replicas': '1', 'index.refresh_interval': '5s' });
    const piped = { ...definition, settings: { ...definition.settings, 'index.final_pipeline': 'enrich' } };
    expect(destinationDefinition(piped, { docs: 10 }).deferred).toMatchObject({ 'index.final_pipeline': 'enrich' });
  });
});
