import type { ReindexJobRequest } from '../../../common/types/jobs';
import type { EsClient } from '../es_client';
import { DEFAULT_OPTIONS } from '../jobs/job_service';
import { planReindex } from './plan';

/** A source that has exactly `names`, each a plain open index of 10 documents. */
const fakeSource = (names: string[]): EsClient =>
  ({
    indices: {
      resolveIndex: async ({ name }: { name: string }) => ({
        indices: names.filter((index) => index === name || name === '*').map((index) => ({ name: index, attributes: ['open'] })),
        aliases: [],
        data_streams: [],
      }),
      stats: async () => ({ _all: { primaries: { store: { size_in_bytes: 1000 } } } }),
    },
    count: async () => ({ count: 10 }),
  }) as unknown as EsClient;

const plan = (names: string[], request: Partial<ReindexJobRequest>, skipConfirmation = false) =>
  planReindex(fakeSource(names), {
    request: { type: 'reindex', source_id: 's', items: names.map((source) => ({ source })), ...request },
    options: DEFAULT_OPTIONS,
    skipConfirmation,
  });

describe('reindex plans: rename rules and internal destinations', () => {
  const name = 'a'.repeat(30);

  it('applies a hostile rename pattern to a 30-character name in linear time', async () => {
    const started = performance.now();
    const items = await plan([name], { rename: { pattern: '^(.*)*Z$', replacement: 'x' } });
    expect(performance.now() - started).toBeLessThan(100);
    expect(items.map((item) => item.dest)).toEqual([name]);
  });

  it('answers a pattern the route did not validate with a 400 naming rename.pattern', async () => {
    await expect(plan([name], { rename: { pattern: '(a)\\1', replacement: 'x' } })).rejects.toMatchObject({
      statusCode: 400,
      attributes: { code: 'validation_failed', field: 'rename.pattern' },
    });
  });

  it.each([
    ['a rename onto .kibana_*', { rename: { pattern: '^(.+)$', replacement: '.kibana_$1' } }, '.kibana_logs'],
    ['a rename onto .security-7', { rename: { pattern: '^logs$', replacement: '.security-7' } }, '.security-7'],
    ['an item whose dest is internal', { items: [{ source: 'logs', dest: '.kibana_1' }] }, '.kibana_1'],
  ])('asks for the typed confirmation before %s', async (_what, request, dest) => {
    await expect(plan(['logs'], request)).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining(`[confirmation]: type "write into ${dest}"`),
      attributes: { code: 'validation_failed', field: 'confirmation', confirmation: `write into ${dest}` },
    });
    expect((await plan(['logs'], { ...request, confirmation: `write into ${dest}` })).map((item) => item.dest)).toEqual([dest]);
    expect((await plan(['logs'], request, true)).map((item) => item.dest)).toEqual([dest]);
  });

  it('asks for it when an internal index is copied under its own name, and not for other names', async () => {
    await expect(plan(['.kibana_7.17.9_001'], { include_system: true })).rejects.toMatchObject({
      attributes: { field: 'confirmation', confirmation: 'write into .kibana_7.17.9_001' },
    });
    expect((await plan(['.kibana_7.17.9_001'], { include_system: true, rename: { pattern: '^\\.(.+)$', replacement: 'restored_$1' } })).map((item) => item.dest)).toEqual([
      'restored_kibana_7.17.9_001',
    ]);
    expect((await plan(['logs'], {})).map((item) => item.dest)).toEqual(['logs']);
  });
});
