import { sanitizeSettings } from './prepare_destination';

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
});
