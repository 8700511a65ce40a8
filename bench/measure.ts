/*
 * What every measurement shares: a destination prefix unique to it (deleted after), the count check that
 * makes a time count only when every document arrived, repetition with median and spread.
 */
import { testBedNodes } from '../dev/es/testbed_config';
import { esRequest } from '../test/integration/helpers/es_http';

export const nodes = testBedNodes();

export interface Spread {
  /** Median of the runs, in seconds. */
  median: number;
  min: number;
  max: number;
  runs: number[];
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export const spread = (secondsList: number[]): Spread => {
  const sorted = [...secondsList].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { median: round(median), min: round(sorted[0] ?? 0), max: round(sorted[sorted.length - 1] ?? 0), runs: secondsList.map((s) => round(s)) };
};

export const timed = async <T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> => {
  const started = performance.now();
  const value = await work();
  return { seconds: (performance.now() - started) / 1000, value };
};

let counter = 0;
/** `bench-d-<tool>-<pid>-<time>-<n>`: destination names unique to one measurement. */
export const destPrefix = (tool: string): string => `bench-d-${tool}-${process.pid}-${Date.now().toString(36)}-${counter++}`;

export const deleteDest = async (prefix: string): Promise<void> => {
  if (!/^bench-d-[a-z0-9_]+-\d+-[a-z0-9]+-\d+$/.test(prefix)) throw new Error(`refusing to delete ${prefix}-*`);
  await esRequest(nodes.reindex_destination.url, 'DELETE', `/${prefix}-*?ignore_unavailable=true&expand_wildcards=all`);
};

/** Refreshes the measurement's indices on the destination and throws unless they hold `expected` documents. */
export const checkCount = async (prefix: string, expected: number, what: string): Promise<void> => {
  const url = nodes.reindex_destination.url;
  await esRequest(url, 'POST', `/${prefix}-*/_refresh?expand_wildcards=all`);
  const answer = await esRequest(url, 'GET', `/${prefix}-*/_count?expand_wildcards=all`);
  const count = (answer.body as { count?: number }).count;
  if (count !== expected) throw new Error(`${what}: the destination holds ${count} documents under ${prefix}-*, not ${expected}`);
};

/**
 * One measurement into its own destination prefix: `run(prefix)` returns the seconds it took (it may
 * exclude its own preparation), the count is checked, the prefix deleted whatever happens.
 */
export const measureInto = async (tool: string, expectedDocs: number, what: string, run: (prefix: string) => Promise<number>): Promise<number> => {
  const prefix = destPrefix(tool);
  try {
    const seconds = await run(prefix);
    await checkCount(prefix, expectedDocs, what);
    return seconds;
  } finally {
    await deleteDest(prefix);
  }
};

export const repeatSpread = async (repeat: number, once: (run: number) => Promise<number>): Promise<Spread> => {
  const list: number[] = [];
  for (let run = 0; run < repeat; run++) list.push(await once(run));
  return spread(list);
};
