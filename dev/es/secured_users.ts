/*
 * Users and roles of the secured node (`secured_destination`): file-realm users (`users`, `users_roles`,
 * written by `bin/elasticsearch-users`) and roles from `roles.yml`. The native realm cannot work in the
 * integ-test-zip distributions (`.security` needs the analysis-common module, which Elastic does not
 * publish), so everything here lives in files. The passwords are generated once and kept in
 * .testbed/secured/credentials.json (mode 600, never committed, never printed).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { STATE_DIR } from './testbed_config';

/** The name of the file realm in `elasticsearch.yml` (`xpack.security.authc.realms.file.<name>`). */
export const FILE_REALM_NAME = 'file1';

export type SecuredUsername =
  | 'ma_superuser'
  | 'ma_admin'
  | 'ma_admin2'
  | 'ma_monitor'
  | 'ma_nobody'
  | 'ma_security_viewer';

export interface RoleDescriptor {
  cluster: string[];
  indices?: Array<{ names: string[]; privileges: string[]; allow_restricted_indices?: boolean }>;
}

/**
 * What 8.x calls the `read_security` cluster privilege, spelled as the action names 7.17 knows: 7.17 has no
 * `read_security` (a role naming it makes every request of its users fail with 400 "unknown cluster
 * privilege [read_security]", and so does `_has_privileges` asking for it); reading users and roles there
 * takes `manage_security` or these actions.
 */
export const READ_SECURITY_ACTIONS_7_17 = [
  'cluster:admin/xpack/security/user/get',
  'cluster:admin/xpack/security/role/get',
  'cluster:admin/xpack/security/role_mapping/get',
  'cluster:admin/xpack/security/privilege/get',
  'cluster:admin/xpack/security/privilege/builtin/get',
  'cluster:admin/xpack/security/api_key/get',
  'cluster:admin/xpack/security/api_key/query',
  'cluster:admin/xpack/security/service_account/get',
];

/**
 * The roles written to `roles.yml`. `*` covers the plugin's state index `.kibana-migration-assistant`:
 * it is a hidden index, not a restricted (system) one, so no `allow_restricted_indices` is needed.
 */
export const SECURED_ROLES: Record<string, RoleDescriptor> = {
  // A migration administrator: manages the cluster (reindex, snapshots, templates) and every index.
  migration_admin: { cluster: ['manage'], indices: [{ names: ['*'], privileges: ['all'] }] },
  // Watches: cluster and index monitoring, reads documents and mappings, writes nothing.
  migration_monitor: {
    cluster: ['monitor'],
    indices: [{ names: ['*'], privileges: ['monitor', 'view_index_metadata', 'read'] }],
  },
  // An administrator who may also read users and roles (the users-and-roles part of a report).
  migration_security_viewer: {
    cluster: ['manage', ...READ_SECURITY_ACTIONS_7_17],
    indices: [{ names: ['*'], privileges: ['all'] }],
  },
  // Authenticates, and may do nothing.
  no_privileges: { cluster: [] },
};

/** Each user and its roles (`superuser` is Elasticsearch's built-in role). */
export const SECURED_USER_ROLES: Record<SecuredUsername, string[]> = {
  ma_superuser: ['superuser'],
  ma_admin: ['migration_admin'],
  // A second administrator, identical to the first (for owner checks).
  ma_admin2: ['migration_admin'],
  ma_monitor: ['migration_monitor'],
  ma_nobody: ['no_privileges'],
  ma_security_viewer: ['migration_security_viewer'],
};

export const SECURED_USERNAMES = Object.keys(SECURED_USER_ROLES) as SecuredUsername[];

export interface SecuredUser {
  username: SecuredUsername;
  password: string;
  roles: string[];
}

const securedDir = (): string => path.join(STATE_DIR, 'secured');
const credentialsPath = (): string => path.join(securedDir(), 'credentials.json');

const readStored = (): Partial<Record<SecuredUsername, string>> =>
  fs.existsSync(credentialsPath())
    ? (JSON.parse(fs.readFileSync(credentialsPath(), 'utf8')) as Partial<Record<SecuredUsername, string>>)
    : {};

const generated = (): string => crypto.randomBytes(18).toString('base64url');

/** Generates the missing passwords (once) and returns every user with its password and roles. */
export const securedUsers = (): SecuredUser[] => {
  fs.mkdirSync(securedDir(), { recursive: true, mode: 0o700 });
  if (!fs.existsSync(credentialsPath())) {
    const fresh = Object.fromEntries(SECURED_USERNAMES.map((username) => [username, generated()]));
    try {
      // Exclusive creation: when two processes race, both end up with the first one's passwords.
      fs.writeFileSync(credentialsPath(), JSON.stringify(fresh), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const stored = readStored();
  const missing = SECURED_USERNAMES.filter((username) => typeof stored[username] !== 'string');
  if (missing.length > 0) {
    // A user added to this module since the file was written.
    for (const username of missing) stored[username] = generated();
    const temporary = `${credentialsPath()}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(stored), { mode: 0o600 });
    fs.renameSync(temporary, credentialsPath());
  }
  return SECURED_USERNAMES.map((username) => ({
    username,
    password: stored[username] as string,
    roles: SECURED_USER_ROLES[username],
  }));
};

export const securedUser = (username: SecuredUsername): SecuredUser => {
  const user = securedUsers().find((candidate) => candidate.username === username);
  if (!user) throw new Error(`unknown secured test bed user ${username}`);
  return user;
};

/** `Authorization` header value for HTTP basic auth. */
export const basicAuthorization = (user: { username: string; password: string }): string =>
  `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;

/** `roles.yml`: one role per line, in YAML flow style (JSON). */
export const rolesYml = (): string =>
  `${Object.entries(SECURED_ROLES)
    .map(([name, role]) => `${name}: ${JSON.stringify(role)}`)
    .join('\n')}\n`;
