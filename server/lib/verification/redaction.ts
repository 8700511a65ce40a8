/* A report as a reader who may not read security sees it: without the users and roles of either cluster. */
import type { VerificationReport } from '../../../common/types/verifications';

export const withoutUsersAndRoles = (report: VerificationReport): VerificationReport => {
  if (!report.security) return report;
  const { security: _security, ...rest } = report;
  return {
    ...rest,
    security_hidden: {
      reason: 'Users and roles are not shown: reading them needs the read_security (or manage_security) cluster privilege.',
      remedy: 'Ask an administrator for a role with read_security, or for the report as they see it.',
    },
    differences: report.differences.filter((difference) => difference.area !== 'security'),
  };
};
