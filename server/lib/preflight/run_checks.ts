/*
 * Runs checks in parallel. One check that throws never fails the suite: it reports `warning` with what
 * it could not determine.
 */
import type { PreflightCheckResult, PreflightResponse } from '../../../common/types/preflight';
import type { PreflightCheck } from './types';

export const runChecks = async <C>(checks: ReadonlyArray<PreflightCheck<C>>, context: C): Promise<PreflightResponse> => {
  const results: PreflightCheckResult[] = await Promise.all(
    checks.map(async (check) => {
      try {
        return { id: check.id, title: check.title, ...(await check.run(context)) };
      } catch (error) {
        return {
          id: check.id,
          title: check.title,
          status: 'warning' as const,
          message: `This check could not be completed: ${(error as Error).message.split('\n')[0]}`,
        };
      }
    })
  );
  const status = results.some((r) => r.status === 'fail') ? 'fail' : results.some((r) => r.status === 'warning') ? 'warning' : 'pass';
  return { status, checks: results };
};
