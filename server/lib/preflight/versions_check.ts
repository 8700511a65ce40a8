/* 1. Versions: the destination is the same as or newer than the source. */
import { reindexVersionVerdict } from '../../../common/lib/versions';
import type { PreflightCheck, ReindexPreflightContext } from './types';

export const destinationVersion = async (destination: ReindexPreflightContext['destination']): Promise<string> => {
  const nodes = await destination.nodes.info({ node_id: '_local', metric: '_none' });
  return Object.values(nodes.nodes)[0]?.version ?? 'unknown';
};

export const versionsCheck: PreflightCheck<ReindexPreflightContext> = {
  id: 'versions',
  title: 'Versions',
  async run({ source, destination }) {
    const [info, destVersion] = await Promise.all([source.info(), destinationVersion(destination)]);
    const sourceVersion = info.version.number;
    const verdict = reindexVersionVerdict(sourceVersion, destVersion);
    const details = { source: sourceVersion, destination: destVersion };
    if (!verdict.ok) {
      return {
        status: 'fail',
        message: `The destination (${destVersion}) is older than the source (${sourceVersion}).`,
        remedy: 'Migrate into a destination of the same or a newer version.',
        details,
      };
    }
    if (verdict.majorJump > 0) {
      return {
        status: 'pass',
        message: `Source ${sourceVersion} into destination ${destVersion}: a jump of ${verdict.majorJump} major version(s). Reindexing rewrites every document, so the indices are created by the destination's version; check deprecated mappings and settings on the source first.`,
        details,
      };
    }
    return { status: 'pass', message: `Source ${sourceVersion} into destination ${destVersion}.`, details };
  },
};
