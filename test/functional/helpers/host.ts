/* The development host, started in the test process against the test bed, on a free port. */
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../../dev/host/build_app';
import { hostOptionsFromEnv } from '../../../dev/host/main';
import { startHost, APP_PATH, HostOptions, RunningHost } from '../../../dev/host/server/host_server';

let bundle: Promise<string> | undefined;

export const startTestHost = async (
  overrides: Partial<Pick<HostOptions, 'destinationUrl' | 'destinationAuth' | 'pluginConfig' | 'versionResolution'>> = {}
): Promise<RunningHost & { appUrl: string }> => {
  bundle ??= buildApp(path.join(os.tmpdir(), `ma-host-bundle-${process.pid}`));
  const host = await startHost({
    ...hostOptionsFromEnv(),
    port: 0,
    uuidFile: path.join(os.tmpdir(), `ma-host-uuid-${process.pid}`),
    bundleDir: await bundle,
    log: () => undefined,
    ...overrides,
  });
  return { ...host, appUrl: `${host.url}${APP_PATH}` };
};
