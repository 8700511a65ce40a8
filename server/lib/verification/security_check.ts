/*
 * Users and roles: those of the source (where it is reachable and has security enabled) expected on the
 * destination, with each user's roles. Built-in (reserved) users and roles exist everywhere and are left
 * out. A cluster without security is a state of the report, never an error.
 */
import type { SecurityVerification, UserSummary } from '../../../common/types/verifications';
import { EsClient, errorReason, errorStatus } from '../es_client';

type Availability = { enabled: true } | { enabled: false; reason: string };

/** `GET _xpack?categories=features` is the one answer that does not depend on the version (facts file, section 5). */
export const securityAvailability = async (client: EsClient, cluster: string): Promise<Availability> => {
  try {
    const info = await client.xpack.info({ categories: ['features'] });
    const security = info.features?.security;
    if (security?.available && security.enabled) return { enabled: true };
    return {
      enabled: false,
      reason: `Security is not enabled on the ${cluster} (xpack.security.enabled is false, or the license does not include it), so it has no users or roles of its own.`,
    };
  } catch (error) {
    return { enabled: false, reason: `The ${cluster}'s security features could not be read: ${errorReason(error)}` };
  }
};

const isReserved = (entry: { metadata?: Record<string, unknown> }): boolean => entry.metadata?._reserved === true;

const readUsers = async (client: EsClient): Promise<UserSummary[]> => {
  const users = await client.security.getUser();
  return Object.values(users)
    .filter((user) => !isReserved(user))
    .map((user) => ({ username: user.username, roles: [...user.roles].sort(), enabled: user.enabled }))
    .sort((a, b) => a.username.localeCompare(b.username));
};

const readRoles = async (client: EsClient): Promise<string[]> => {
  const roles = await client.security.getRole();
  return Object.entries(roles)
    .filter(([, role]) => !isReserved(role as { metadata?: Record<string, unknown> }))
    .map(([name]) => name)
    .sort();
};

export const verifySecurity = async (clients: { source?: EsClient; dest: EsClient }): Promise<SecurityVerification> => {
  const empty = { expected: [], found: [], missing: [] };
  const report: SecurityVerification = {
    available: false,
    source_available: false,
    users: { ...empty, destination: [], role_differences: [] },
    roles: { ...empty },
  };
  const destState = await securityAvailability(clients.dest, 'destination');
  if (!destState.enabled) return { ...report, reason: destState.reason };
  let destUsers: UserSummary[];
  let destRoles: string[];
  try {
    [destUsers, destRoles] = await Promise.all([readUsers(clients.dest), readRoles(clients.dest)]);
  } catch (error) {
    // Not this user's to read: a state of the report (the rest of it stands), not a failed report.
    if (errorStatus(error) !== 403) throw error;
    return {
      ...report,
      reason: `Your user may not read the destination's users and roles (${errorReason(error)}); it needs the read_security or manage_security cluster privilege.`,
    };
  }
  report.available = true;
  report.users.destination = destUsers;
  report.users.found = destUsers.map((user) => user.username);
  report.roles.found = destRoles;

  if (!clients.source) return { ...report, source_reason: 'No source connection: only the destination was read.' };
  const sourceState = await securityAvailability(clients.source, 'source');
  if (!sourceState.enabled) return { ...report, source_reason: sourceState.reason };
  let sourceUsers: UserSummary[];
  let sourceRoles: string[];
  try {
    [sourceUsers, sourceRoles] = await Promise.all([readUsers(clients.source), readRoles(clients.source)]);
  } catch (error) {
    return {
      ...report,
      source_reason: `The source's users and roles could not be read (${errorReason(error)}); its user needs the read_security or manage_security cluster privilege.`,
    };
  }
  const destByName = new Map(destUsers.map((user) => [user.username, user]));
  report.source_available = true;
  report.users.expected = sourceUsers.map((user) => user.username);
  report.users.missing = report.users.expected.filter((name) => !destByName.has(name));
  report.users.role_differences = sourceUsers.flatMap((user) => {
    const found = destByName.get(user.username);
    if (!found) return [];
    const missingRoles = user.roles.filter((role) => !found.roles.includes(role));
    return missingRoles.length ? [{ username: user.username, missing_roles: missingRoles }] : [];
  });
  report.roles.expected = sourceRoles;
  report.roles.missing = sourceRoles.filter((role) => !destRoles.includes(role));
  return report;
};
