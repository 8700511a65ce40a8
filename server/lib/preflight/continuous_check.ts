/*
 * Continuous jobs (issue 16): the change field mapped as a date or number on every selected index and set
 * on every document (an index with documents without it is refused, with their count), the privilege to
 * make the source read-only at the cutover, and what the mode cannot see.
 */
import { changeFieldOf } from '../../../common/lib/continuous';
import type { ContinuousOptions } from '../../../common/types/jobs';
import { changeFieldProblem, readChangeFields } from '../continuous/change_field';
import { hasPrivileges } from './privileges_check';
import type { PreflightCheck, ReindexPreflightContext } from './types';

export type ContinuousPreflightContext = ReindexPreflightContext & { continuous: Pick<ContinuousOptions, 'change_field' | 'change_fields'> };

/** What no change field shows: said with every continuous preflight. */
export const CONTINUOUS_LIMITS =
  'Catch-up passes see only documents whose change field moved: a document updated without changing it stays stale on the destination until the cutover finds it (its verification compares a sample), and deletions are applied only at the cutover (reconciliation by id).';

export const continuousCheck: PreflightCheck<ContinuousPreflightContext> = {
  id: 'continuous',
  title: 'Continuous migration: change field and write block',
  async run({ source, indices, continuous }) {
    const [reports, privileges] = await Promise.all([
      readChangeFields(source, indices, continuous),
      // PUT <index>/_block/write and PUT <index>/_settings (the rollback) are both in the manage index privilege.
      hasPrivileges(source, { index: [{ names: indices, privileges: ['manage'] }] }),
    ]);
    const problems = reports.map(changeFieldProblem).filter((problem): problem is string => problem !== undefined);
    const refused = reports.filter((report) => report.problem !== undefined).map((report) => report.index);
    const details = {
      indices: reports.map((report) => ({ index: report.index, field: report.field, type: report.type, documents_without_field: report.missing })),
      refused,
      write_block_privilege: privileges === undefined ? 'security_off' : privileges.has_all_requested,
      limits: CONTINUOUS_LIMITS,
    };
    if (privileges && !privileges.has_all_requested) {
      problems.push("the source's user may not make the selected indices read-only (the manage index privilege: indices:admin/block/add and indices:admin/settings/update)");
    }
    if (problems.length > 0) {
      return {
        status: 'fail',
        message: `Continuous migration is not possible as selected: ${problems.join('; ')}.`,
        remedy: `Choose for each index a date or numeric field that every write sets to a growing value (change_fields per index), set it on every document (${refused
          .map((index) => `POST ${index}/_update_by_query with a script setting ${changeFieldOf(continuous, index) ?? 'the field'}`)
          .join('; ') || 'an update by query'}), and give the source's user the manage privilege on these indices, or copy them in a job that is not continuous.`,
        details,
      };
    }
    return {
      status: 'warning',
      message: `Every selected index maps its change field and sets it on every document; the source's user may make them read-only. ${CONTINUOUS_LIMITS}`,
      remedy: 'Make sure every write of these indices sets the change field (an ingest pipeline setting it on the source guarantees it), or expect the cutover to take longer when its reconciliation and verification find differences.',
      details,
    };
  },
};
