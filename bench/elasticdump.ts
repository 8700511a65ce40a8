/*
 * elasticdump 6.125 (the devDependency), default settings (limit 100, scroll 10m):
 * - per index, as its README copies an index: `--type=mapping`, then `--type=data`, one process each,
 *   one index after the other;
 * - multielasticdump with --parallel=2: dump every matched index to a directory (data, mapping, settings),
 *   then load that directory into the destination, prefixing the names. Templates are left out
 *   (--ignoreType=template): loading them would change the shared destination's templates.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../dev/es/testbed_config';
import { nodes, timed } from './measure';

const BIN = path.join(REPO_ROOT, 'node_modules', 'elasticdump', 'bin');

const run = (tool: 'elasticdump' | 'multielasticdump', args: string[]): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(BIN, tool), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-2_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} ${args.join(' ')} exited with ${code}: ${tail}`))));
  });

/** Copies each index to `${prefix}-${index}` in turn (mapping, then data); returns the seconds per index. */
export const elasticdumpPerIndex = async (indices: string[], prefix: string): Promise<number[]> => {
  const seconds: number[] = [];
  for (const index of indices) {
    const input = `--input=${nodes.source.url}/${index}`;
    const output = `--output=${nodes.reindex_destination.url}/${prefix}-${index}`;
    const took = await timed(async () => {
      await run('elasticdump', [input, output, '--type=mapping']);
      await run('elasticdump', [input, output, '--type=data']);
    });
    seconds.push(took.seconds);
  }
  return seconds;
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** multielasticdump --parallel=2: dump `indices` to a directory, load it as `${prefix}-<index>`; the whole time. */
export const multielasticdump = async (indices: string[], prefix: string): Promise<number> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-multielasticdump-'));
  const match = `--match=^(${indices.map(escapeRegExp).join('|')})$`;
  try {
    const took = await timed(async () => {
      await run('multielasticdump', ['--direction=dump', match, '--parallel=2', '--ignoreType=template', `--input=${nodes.source.url}`, `--output=${dir}`]);
      await run('multielasticdump', ['--direction=load', match, '--parallel=2', '--ignoreType=template', `--prefix=${prefix}-`, `--input=${dir}`, `--output=${nodes.reindex_destination.url}`]);
    });
    return took.seconds;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
