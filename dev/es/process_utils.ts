/* Small process and port helpers for the test bed scripts. */
import fs from 'node:fs';
import net from 'node:net';

export const readPid = (file: string): number | undefined => {
  if (!fs.existsSync(file)) return undefined;
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
};

export const isPidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const waitFor = async (
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await sleep(500);
  }
  throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
};

/** SIGTERM, then SIGKILL if the process is still there after the grace period. */
export const killAndWait = async (pid: number, graceMs = 30_000): Promise<void> => {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  try {
    await waitFor(() => !isPidAlive(pid), graceMs, `process ${pid} to exit`);
  } catch {
    process.kill(pid, 'SIGKILL');
    await waitFor(() => !isPidAlive(pid), 10_000, `process ${pid} to die`);
  }
};

export const isPortFree = (port: number, host = '127.0.0.1'): Promise<boolean> =>
  new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.once('listening', () => server.close(() => resolve(true)));
    server.listen(port, host);
  });
