/*
 * Starts the development host on its own: `npm run host`. Configured by environment variables whose
 * defaults point at the test bed (see README, "Development host").
 */
import path from 'node:path';
import { STATE_DIR, testBedNodes } from '../es/testbed_config';
import { buildApp } from './build_app';
import { startHost, APP_PATH, RunningHost } from './server/host_server';
import { VERSION_RESOLUTIONS, VersionResolution } from './server/router';

/** MA_VERSION_RESOLUTION as Kibana's `server.versioned.versionResolution`: `oldest` unless set; a wrong value is refused. */
const versionResolutionFromEnv = (value: string | undefined): VersionResolution => {
  if (!value) return 'oldest';
  const resolution = VERSION_RESOLUTIONS.find((candidate) => candidate === value);
  if (!resolution) throw new Error(`MA_VERSION_RESOLUTION must be one of ${VERSION_RESOLUTIONS.join(', ')}, not "${value}"`);
  return resolution;
};

export const hostOptionsFromEnv = () => {
  const env = process.env;
  const allowedHosts = env.MA_ALLOWED_HOSTS?.split(',').map((h) => h.trim()).filter(Boolean);
  return {
    port: Number(env.MA_HOST_PORT ?? 5601),
    destinationUrl: env.MA_DESTINATION_URL ?? testBedNodes().reindex_destination.url,
    destinationAuth: env.MA_DESTINATION_USERNAME ? { username: env.MA_DESTINATION_USERNAME, password: env.MA_DESTINATION_PASSWORD ?? '' } : undefined,
    pluginConfig: {
      ...(env.MA_ENCRYPTION_KEY ? { encryptionKey: env.MA_ENCRYPTION_KEY } : {}),
      sources: allowedHosts ? { allowedHosts } : {},
      ...(env.MA_POLL_INTERVAL_MS ? { pollIntervalMs: Number(env.MA_POLL_INTERVAL_MS) } : {}),
    },
    uuidFile: path.join(STATE_DIR, 'host', 'instance_uuid'),
    versionResolution: versionResolutionFromEnv(env.MA_VERSION_RESOLUTION),
  };
};

export const runHost = async (overrides: Partial<ReturnType<typeof hostOptionsFromEnv>> = {}): Promise<RunningHost> => {
  const bundleDir = await buildApp();
  return startHost({ ...hostOptionsFromEnv(), ...overrides, bundleDir });
};

if (require.main === module) {
  runHost().then(
    (host) => {
      console.log(`Migration Assistant (development host): ${host.url}${APP_PATH}`);
      const stop = () => void host.stop().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (error: Error) => {
      console.error(`error: ${error.message}`);
      process.exit(1);
    }
  );
}
