/*
 * 6. Templates and pipelines that the selected indices use on the source and the destination lacks. Seed
 * 001's order: index templates (with their component templates) before the data, pipelines after it.
 */
import type { EsClient } from '../es_client';
import type { PreflightCheck, ReindexPreflightContext } from './types';

const ESCAPE = /[.+?^${}()|[\]\\]/g;
const globMatches = (pattern: string, name: string): boolean =>
  new RegExp(`^${pattern.split('*').map((p) => p.replace(ESCAPE, '\\$&')).join('.*')}$`).test(name);

interface IndexTemplate {
  name: string;
  index_template: { index_patterns: string | string[]; composed_of?: string[]; priority?: number };
}

const templatesOf = async (client: EsClient): Promise<IndexTemplate[]> =>
  ((await client.indices.getIndexTemplate()) as { index_templates: IndexTemplate[] }).index_templates;

const exists = (call: Promise<unknown>): Promise<boolean> => call.then(() => true, () => false);

export const templatesCheck: PreflightCheck<ReindexPreflightContext> = {
  id: 'templates_and_pipelines',
  title: 'Templates and pipelines',
  async run({ source, destination, indices }) {
    const sourceTemplates = await templatesOf(source);
    // The highest-priority template whose patterns match each index is the one that applied.
    const used = new Map<string, IndexTemplate>();
    for (const index of indices) {
      const matching = sourceTemplates
        .filter((t) => [t.index_template.index_patterns].flat().some((p) => globMatches(p, index)))
        .sort((a, b) => (b.index_template.priority ?? 0) - (a.index_template.priority ?? 0));
      if (matching[0] && !matching[0].name.startsWith('.')) used.set(matching[0].name, matching[0]);
    }
    const components = [...new Set([...used.values()].flatMap((t) => t.index_template.composed_of ?? []))];
    const settings = await source.indices.getSettings({ index: indices, flat_settings: true, name: ['index.default_pipeline', 'index.final_pipeline'] } as never);
    const pipelines = [
      ...new Set(
        Object.values(settings as Record<string, { settings?: Record<string, string> }>)
          .flatMap((s) => [s.settings?.['index.default_pipeline'], s.settings?.['index.final_pipeline']])
          .filter((p): p is string => typeof p === 'string' && p !== '_none')
      ),
    ];
    const missing = async (names: string[], check: (name: string) => Promise<unknown>): Promise<string[]> => {
      const found = await Promise.all(names.map((name) => exists(check(name))));
      return names.filter((_, i) => !found[i]);
    };
    const [missingTemplates, missingComponents, missingPipelines] = await Promise.all([
      missing([...used.keys()], (name) => destination.indices.getIndexTemplate({ name })),
      missing(components, (name) => destination.cluster.getComponentTemplate({ name })),
      missing(pipelines, (id) => destination.ingest.getPipeline({ id })),
    ]);
    const details = { missing_index_templates: missingTemplates, missing_component_templates: missingComponents, missing_pipelines: missingPipelines };
    if (missingTemplates.length + missingComponents.length === 0) {
      return {
        status: 'pass',
        message:
          missingPipelines.length > 0
            ? `Templates are in place. Pipelines ${missingPipelines.join(', ')} are copied from the source after the data (so documents are not processed twice).`
            : 'The destination has every template and pipeline the selection uses.',
        details,
      };
    }
    const requests = [
      ...missingComponents.map((name) => `GET _component_template/${name}   # on the source, then PUT _component_template/${name} on the destination`),
      ...missingTemplates.map((name) => `GET _index_template/${name}   # on the source, then PUT _index_template/${name} on the destination`),
    ];
    return {
      status: 'fail',
      message: `The destination lacks ${[...missingComponents.map((n) => `component template ${n}`), ...missingTemplates.map((n) => `index template ${n}`)].join(', ')}: indices created later from these patterns would get other mappings.`,
      remedy: `Create them on the destination before the data, component templates first:\n${requests.join('\n')}`,
      details,
    };
  },
};
