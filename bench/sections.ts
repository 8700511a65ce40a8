/*
 * What a section of `npm run bench` is, so sections can live in files of their own: the peers' and the
 * plugin's copy measurements are built in (run.ts); others (issue 16: bench/continuous_bench.ts) plug in
 * through EXTRA_SECTIONS in run.ts with this shape.
 */
export interface BenchContext {
  /** How many times each measurement runs (--repeat, default 3); report the median with min–max. */
  repeat: number;
  log: (line: string) => void;
}

export interface BenchSection {
  /** The name --only selects it by (e.g. `continuous`). */
  name: string;
  /** Runs the section: `results` goes into target/bench/results.json under its name, `lines` into the printed report. */
  run(context: BenchContext): Promise<{ results: unknown; lines: string[] }>;
}
