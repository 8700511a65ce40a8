/*
 * The report: the table (a row per workload group and the whole workload, a column per tool, medians
 * with min–max), the ratios the issue sets goals for, and the README's "Benchmarks" section.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Spread } from './measure';
import { GroupId, groupsLabel, WORKLOAD } from './workload';

export type Tool = 'loop' | 'elasticdump' | 'multielasticdump' | 'ceiling' | 'plugin';
export const TOOL_TITLES: Record<Tool, string> = {
  loop: "seeds' loop: one `POST _reindex` per index, in turn",
  elasticdump: 'elasticdump 6.125.1 per index (mapping, then data; limit 100)',
  multielasticdump: 'multielasticdump --parallel=2 (dump, then load)',
  ceiling: 'bulk ceiling: docs pre-read, best of 1/2/4 senders, 5,000 docs or 10 MB per `_bulk`',
  plugin: 'plugin job, default options, POST → completed',
};

/** A row is a group of the workload or `whole`. */
export type RowId = GroupId | 'whole';
export type Figures = Partial<Record<Tool, Partial<Record<RowId, Spread>>>>;

const s = (spread?: Spread) => (spread ? `${spread.median} s (${spread.min}–${spread.max})` : '');
const ratio = (a?: Spread, b?: Spread, digits = 2) => (a && b && b.median > 0 ? Math.round((a.median / b.median) * 10 ** digits) / 10 ** digits : undefined);

export interface Ratios {
  /** Plugin throughput / ceiling throughput (= ceiling time / plugin time). */
  plugin_vs_ceiling?: number;
  /** How many times faster than the peer the plugin was (peer time / plugin time). */
  plugin_speedup_vs_loop?: number;
  plugin_speedup_vs_elasticdump?: number;
  plugin_speedup_vs_multielasticdump?: number;
}

export const ratiosFor = (figures: Figures, row: RowId): Ratios => {
  const plugin = figures.plugin?.[row];
  return {
    plugin_vs_ceiling: ratio(figures.ceiling?.[row], plugin),
    plugin_speedup_vs_loop: ratio(figures.loop?.[row], plugin),
    plugin_speedup_vs_elasticdump: ratio(figures.elasticdump?.[row], plugin),
    plugin_speedup_vs_multielasticdump: ratio(figures.multielasticdump?.[row], plugin),
  };
};

export const rowLabel = (row: RowId, groups: readonly GroupId[]): string => (row === 'whole' ? groupsLabel(groups) : WORKLOAD[row].label);

/** The markdown table: medians with (min–max) of the runs, then the plugin's ratios. */
export const markdownTable = (figures: Figures, rows: RowId[], groups: readonly GroupId[]): string[] => {
  const tools = (Object.keys(TOOL_TITLES) as Tool[]).filter((tool) => figures[tool] && Object.keys(figures[tool] ?? {}).length > 0);
  const header = ['workload', ...tools.map((tool) => TOOL_TITLES[tool]), 'plugin / ceiling (throughput)', 'plugin speed-up vs loop / elasticdump / multielasticdump'];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) {
    const r = ratiosFor(figures, row);
    const speedups = [r.plugin_speedup_vs_loop, r.plugin_speedup_vs_elasticdump, r.plugin_speedup_vs_multielasticdump].map((x) => (x === undefined ? '–' : `${x}×`)).join(' / ');
    lines.push(`| ${[rowLabel(row, groups), ...tools.map((tool) => s(figures[tool]?.[row])), r.plugin_vs_ceiling ?? '', speedups].join(' | ')} |`);
  }
  return lines;
};

const README_START = '<!-- bench:results:start -->';
const README_END = '<!-- bench:results:end -->';

/** Replaces the README's results between its markers (a full run only); false when the markers are missing. */
export const updateReadme = (readmePath: string, lines: string[]): boolean => {
  const text = fs.readFileSync(readmePath, 'utf8');
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) return false;
  fs.writeFileSync(readmePath, `${text.slice(0, start + README_START.length)}\n${lines.join('\n')}\n${text.slice(end)}`);
  return true;
};

export const writeResults = (dir: string, results: unknown): string => {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'results.json');
  fs.writeFileSync(file, JSON.stringify(results, null, 2));
  return file;
};
