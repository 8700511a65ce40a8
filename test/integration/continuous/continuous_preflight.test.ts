/*
 * The preflight of a continuous job on the real source: an index whose documents lack the change field is
 * refused with their count, a field of the wrong type is named, and a good selection passes with the
 * warning of what the mode cannot see.
 */
import { testBedNodes } from '../../../dev/es/testbed_config';
import { runReindexPreflight } from '../../../server/lib/preflight/preflight_service';
import { createEngine, Engine } from '../helpers/engine';
import { esRequest, uniqueName } from '../helpers/es_http';
import { deleteSourceIndices, seedIndex } from './continuous_fixture';

const nodes = testBedNodes();

describe('continuous preflight', () => {
  let engine: Engine;
  let sourceId: string;
  const good = uniqueName('ma16-pf-good');
  const partial = uniqueName('ma16-pf-partial');

  beforeAll(async () => {
    engine = createEngine();
    sourceId = (await engine.sources.create({ name: uniqueName('continuous-preflight'), host: nodes.source.url, auth: { type: 'none' } })).id;
    await seedIndex(good, 30);
    await seedIndex(partial, 30);
    for (const id of ['x1', 'x2', 'x3']) await esRequest(nodes.source.url, 'PUT', `/${partial}/_doc/${id}`, { n: 0, text: 'no change field' });
    await esRequest(nodes.source.url, 'POST', `/${partial}/_refresh`);
  });

  afterAll(async () => {
    await deleteSourceIndices([good, partial]);
  });

  const continuousResult = async (indices: string[], continuous: { change_field?: string; change_fields?: Record<string, string> }) => {
    const response = await runReindexPreflight(engine.sources, engine.destination, { method: 'reindex', source_id: sourceId, indices, continuous });
    return response.checks.find((check) => check.id === 'continuous');
  };

  it('refuses an index with documents without the change field, with their count', async () => {
    const check = await continuousResult([good, partial], { change_field: 'updated_at' });
    expect(check).toMatchObject({ status: 'fail', details: { refused: [partial] } });
    expect(check?.message).toContain(`[${partial}] has 3 documents without [updated_at]`);
    expect(check?.remedy).toContain(`POST ${partial}/_update_by_query`);
  });

  it('names a change field that is not a date or number, per index', async () => {
    const check = await continuousResult([good, partial], { change_field: 'updated_at', change_fields: { [partial]: 'text' } });
    expect(check?.status).toBe('fail');
    expect(check?.message).toContain(`[${partial}] maps [text] as keyword`);
  });

  it('passes a good selection with what the mode cannot see; without security the write-block privilege is not asked', async () => {
    const check = await continuousResult([good, partial], { change_field: 'updated_at', change_fields: { [partial]: 'n' } });
    expect(check).toMatchObject({ status: 'warning', details: { refused: [], write_block_privilege: 'security_off' } });
    expect(check?.message).toMatch(/updated without changing it/);
    // Without the option, the check is not run at all.
    const plain = await runReindexPreflight(engine.sources, engine.destination, { method: 'reindex', source_id: sourceId, indices: [good] });
    expect(plain.checks.some((candidate) => candidate.id === 'continuous')).toBe(false);
  });
});
