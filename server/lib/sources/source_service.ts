/*
 * Saved source connections: create, read, update, delete, with secrets sealed by the vault and host
 * names limited by `migrationAssistant.sources.allowedHosts`; plus what the Kibana server reads from a
 * source directly (its info and its indices).
 */
import crypto from 'node:crypto';
import { hostUrlProblem, matchesAllowList, parseHostUrl } from '../../../common/lib/allowlist';
import type { Source, SourceAuthInput, SourceIndex, SourceInfo, SourceInput } from '../../../common/types/sources';
import { EsClient, errorStatus, isResponseError } from '../es_client';
import { isMigrationError, MigrationError, validationError } from '../migration_error';
import { StateIndex } from '../job_record/state_index';
import type { Owner } from '../../../common/types/owner';
import { currentOwner, describeOwner, sameOwner } from '../owners';
import { SecretUnreadableError, SecretVault } from './secrets';
import { certificateFingerprint, createSourceClient, SourceConnection } from './source_client';

interface StoredSource {
  id: string;
  name: string;
  host: string;
  auth: { type: SourceAuthInput['type']; username?: string };
  ca_certificate?: string;
  sealed_secret?: string;
  has_secret: boolean;
  owner?: Owner;
  created_at: string;
  updated_at: string;
}

export interface SourceServiceDeps {
  state: StateIndex;
  vault: SecretVault;
  allowedHosts: readonly string[];
}

const secretOf = (auth: SourceAuthInput): string | undefined =>
  auth.type === 'basic' ? auth.password : auth.type === 'api_key' ? auth.api_key : undefined;

const toPublic = (stored: StoredSource): Source => ({
  id: stored.id,
  name: stored.name,
  host: stored.host,
  auth: { type: stored.auth.type, username: stored.auth.username, has_secret: stored.has_secret },
  ca_certificate_fingerprint: stored.ca_certificate ? certificateFingerprint(stored.ca_certificate) : undefined,
  owner: stored.owner,
  created_at: stored.created_at,
  updated_at: stored.updated_at,
});

export class SourceService {
  constructor(private readonly deps: SourceServiceDeps) {}

  get encryptionConfigured(): boolean {
    return this.deps.vault.encrypted;
  }

  /** The normalized URL of an allowed host (what is saved and connected to), or a 400 naming `host`. */
  private checkHost(host: string): string {
    const problem = hostUrlProblem(host);
    const target = parseHostUrl(host);
    if (problem || !target) throw validationError('host', problem ?? 'is not a valid URL');
    if (!matchesAllowList(target, this.deps.allowedHosts, { ignoreCase: true })) {
      throw new MigrationError(
        'source_host_not_allowed',
        `[host]: ${target.host}:${target.port} is not in migrationAssistant.sources.allowedHosts`,
        400,
        {
          field: 'host',
          remedy: `Add "${target.host}:${target.port}" (or a pattern such as "${target.host}:*") to migrationAssistant.sources.allowedHosts in kibana.yml and restart Kibana.`,
        }
      );
    }
    return target.url;
  }

  /**
   * The allow-list again, on every connection to a saved source: a narrowed setting (or a host saved
   * before URLs were parsed strictly) cuts the source off, with the setting to change.
   */
  private allowedConnectionUrl(stored: StoredSource): string {
    const target = parseHostUrl(stored.host);
    if (target && matchesAllowList(target, this.deps.allowedHosts, { ignoreCase: true })) return target.url;
    const shown = target ? `${target.host}:${target.port}` : stored.host;
    throw new MigrationError(
      'source_not_allow_listed',
      target
        ? `Source [${stored.name}] (${shown}) is no longer allowed: it is not in migrationAssistant.sources.allowedHosts`
        : `Source [${stored.name}] has a host URL that is no longer accepted: ${hostUrlProblem(stored.host) ?? 'invalid'}`,
      409,
      {
        field: 'host',
        remedy: target
          ? `Add "${shown}" (or a pattern such as "${target.host}:*") to migrationAssistant.sources.allowedHosts in kibana.yml and restart Kibana, or point the source at an allowed host (PUT /api/migration_assistant/sources/${stored.id}).`
          : `Save the source again with a host of the form scheme://host:port (PUT /api/migration_assistant/sources/${stored.id}).`,
      }
    );
  }

  /**
   * Saves a source. With Elasticsearch security on, `caller` (the current user's client) is recorded as
   * its owner: its credentials are then usable by that user only.
   */
  async create(input: SourceInput, caller?: EsClient): Promise<Source> {
    const host = this.checkHost(input.host);
    const owner = caller ? await currentOwner(caller) : undefined;
    if (input.ca_certificate && !certificateFingerprint(input.ca_certificate)) {
      throw validationError('ca_certificate', 'must be a PEM-encoded certificate');
    }
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    const secret = secretOf(input.auth);
    const stored: StoredSource = {
      id,
      name: input.name,
      host,
      auth: { type: input.auth.type, username: input.auth.type === 'basic' ? input.auth.username : undefined },
      ca_certificate: input.ca_certificate,
      sealed_secret: secret ? await this.deps.vault.seal(id, secret) : undefined,
      has_secret: secret !== undefined,
      owner,
      created_at: now,
      updated_at: now,
    };
    await this.deps.state.put('source', id, stored, { created_at: now });
    return toPublic(stored);
  }

  /** Changes a source; one whose credentials belong to someone else may not be changed (its host could be pointed elsewhere). */
  async update(id: string, input: SourceInput, caller?: EsClient): Promise<Source> {
    const host = this.checkHost(input.host);
    const current = await this.getStored(id);
    if (caller) await this.checkOwner(current.value, caller);
    const secret = secretOf(input.auth);
    const sameAuthType = current.value.auth.type === input.auth.type;
    const stored: StoredSource = {
      ...current.value,
      name: input.name,
      host,
      auth: { type: input.auth.type, username: input.auth.type === 'basic' ? input.auth.username : undefined },
      ca_certificate: input.ca_certificate,
      updated_at: new Date().toISOString(),
    };
    if (secret) {
      stored.sealed_secret = await this.deps.vault.seal(id, secret);
      stored.has_secret = true;
    } else if (!sameAuthType || input.auth.type === 'none') {
      this.deps.vault.forget(id);
      stored.sealed_secret = undefined;
      stored.has_secret = false;
    }
    await this.deps.state.put('source', id, stored, { created_at: stored.created_at }, current);
    return toPublic(stored);
  }

  private async getStored(id: string) {
    const stored = await this.deps.state.get<StoredSource>('source', id);
    if (!stored) {
      throw new MigrationError('source_not_found', `Source [${id}] not found`, 404, {
        remedy: 'List the saved sources (GET /api/migration_assistant/sources) and use one of their ids.',
      });
    }
    return stored;
  }

  /**
   * A source with saved credentials is usable by whoever saved it only: another user gets a 403 and saves
   * the source again with their own credentials. A source without credentials, or saved with Elasticsearch
   * security off, is anyone's.
   */
  private async checkOwner(stored: StoredSource, caller: EsClient): Promise<void> {
    if (!stored.owner || !stored.has_secret) return;
    const user = await currentOwner(caller);
    if (user && sameOwner(user, stored.owner)) return;
    throw new MigrationError('source_not_owned', `Source [${stored.name}] keeps the credentials of ${describeOwner(stored.owner)}: only they may use them`, 403, {
      remedy: 'Save the source again with your own credentials (POST /api/migration_assistant/sources, or Connect in the guided flow), and use that one.',
    });
  }

  /** The client of a source for a request of `caller`: only the owner may use saved credentials. */
  async clientFor(id: string, caller: EsClient): Promise<{ client: EsClient; connection: SourceConnection }> {
    await this.checkOwner((await this.getStored(id)).value, caller);
    return this.client(id);
  }

  async get(id: string): Promise<Source> {
    return toPublic((await this.getStored(id)).value);
  }

  async list(): Promise<Source[]> {
    const { docs } = await this.deps.state.search<StoredSource>('source', { size: 1000 });
    return docs.map((doc) => toPublic(doc.value));
  }

  async delete(id: string): Promise<void> {
    await this.getStored(id);
    await this.deps.state.delete('source', id);
    this.deps.vault.forget(id);
  }

  /** The connection with its secret, for the engine only; never returned by a route. */
  async connection(id: string): Promise<SourceConnection> {
    const { value } = await this.getStored(id);
    const host = this.allowedConnectionUrl(value);
    const secret = await this.deps.vault.open(id, value.sealed_secret).catch((error: unknown) => {
      if (!(error instanceof SecretUnreadableError)) throw error;
      throw new MigrationError('secret_unreadable', `The secret of source [${value.name}] cannot be read: ${error.message}`, 409, {
        remedy:
          'Set migrationAssistant.encryptionKey back to the key the source was saved with, or enter the source password or API key again (PUT /api/migration_assistant/sources/{id}); then retry the job.',
      });
    });
    if (value.has_secret && secret === undefined) {
      throw new MigrationError(
        'secrets_unavailable',
        `The secret of source [${value.name}] is not available: Kibana restarted and no encryption key is configured`,
        409,
        {
          remedy:
            'Enter the source password or API key again (PUT /api/migration_assistant/sources/{id}), or set migrationAssistant.encryptionKey in kibana.yml so secrets survive restarts.',
        }
      );
    }
    const auth: SourceConnection['auth'] =
      value.auth.type === 'basic'
        ? { type: 'basic', username: value.auth.username ?? '', password: secret ?? '' }
        : value.auth.type === 'api_key'
          ? { type: 'api_key', api_key: secret ?? '' }
          : { type: 'none' };
    return { host, auth, ca_certificate: value.ca_certificate };
  }

  async client(id: string): Promise<{ client: EsClient; connection: SourceConnection }> {
    const connection = await this.connection(id);
    return { client: createSourceClient(connection), connection };
  }

  async info(id: string, caller?: EsClient): Promise<SourceInfo> {
    const { client, connection } = caller ? await this.clientFor(id, caller) : await this.client(id);
    try {
      const info = await client.info();
      return {
        name: info.name,
        cluster_name: info.cluster_name,
        version: info.version.number,
        build_flavor: info.version.build_flavor,
      };
    } catch (error) {
      throw mapDirectSourceError(error, connection.host);
    }
  }

  async indices(
    id: string,
    query: { pattern?: string; page?: number; per_page?: number; include_system?: boolean; include_hidden?: boolean },
    caller?: EsClient
  ): Promise<{ total: number; indices: SourceIndex[] }> {
    const { client, connection } = caller ? await this.clientFor(id, caller) : await this.client(id);
    try {
      return await listSourceIndices(client, query);
    } catch (error) {
      throw mapDirectSourceError(error, connection.host);
    }
  }
}

interface CatIndex {
  index?: string;
  health?: string;
  status?: string;
  'docs.count'?: string;
  'store.size'?: string;
}

const isSystemName = (name: string): boolean => name.startsWith('.');

export const listSourceIndices = async (
  client: EsClient,
  query: { pattern?: string; page?: number; per_page?: number; include_system?: boolean; include_hidden?: boolean }
): Promise<{ total: number; indices: SourceIndex[] }> => {
  const pattern = query.pattern?.trim() || '*';
  const withHidden = query.include_hidden || query.include_system;
  const [cat, aliases, settings] = await Promise.all([
    client.cat.indices({ index: pattern, format: 'json', bytes: 'b', expand_wildcards: withHidden ? 'all' : 'open' }) as Promise<unknown>,
    client.indices.getAlias({ index: pattern, expand_wildcards: withHidden ? 'all' : 'open' }).catch(() => ({})),
    client.indices.getSettings({ index: pattern, name: ['index.hidden'], expand_wildcards: withHidden ? 'all' : 'open', flat_settings: true }).catch(() => ({})),
  ]);
  const rows = (cat as CatIndex[]).filter((row) => row.index);
  const all: SourceIndex[] = rows
    .map((row) => {
      const name = row.index ?? '';
      const flat = (settings as Record<string, { settings?: Record<string, string> }>)[name]?.settings ?? {};
      const hidden = flat['index.hidden'] === 'true';
      const aliasNames = Object.keys((aliases as Record<string, { aliases?: object }>)[name]?.aliases ?? {});
      const dataStream = /^\.ds-(.+)-\d{4}\.\d{2}\.\d{2}-\d{6}$/.exec(name)?.[1];
      return {
        name,
        docs_count: Number(row['docs.count'] ?? 0),
        store_size_bytes: Number(row['store.size'] ?? 0),
        health: row.health ?? 'unknown',
        status: row.status ?? 'unknown',
        ...(dataStream ? { data_stream: dataStream } : {}),
        aliases: aliasNames,
        is_system: isSystemName(name) && !dataStream,
        is_hidden: hidden,
      };
    })
    .filter((index) => (query.include_system || !index.is_system) && (withHidden || !index.is_hidden))
    .sort((a, b) => a.name.localeCompare(b.name));
  const perPage = Math.min(Math.max(query.per_page ?? 50, 1), 1000);
  const page = Math.max(query.page ?? 1, 1);
  return { total: all.length, indices: all.slice((page - 1) * perPage, page * perPage) };
};

/** Errors of the Kibana server's own connection to the source (not the destination's). */
export const mapDirectSourceError = (error: unknown, host: string): Error => {
  if (isMigrationError(error)) return error;
  const target = parseHostUrl(host);
  const hostPort = target ? `${target.host}:${target.port}` : host;
  if (isResponseError(error)) {
    const status = errorStatus(error);
    if (status === 401) {
      return new MigrationError('source_auth_rejected', `Source credentials rejected by ${hostPort} (401)`, 400, {
        remedy: 'Check the user name and password (or API key) saved for this source.',
      });
    }
    if (status === 403) {
      return new MigrationError('source_forbidden', `The source at ${hostPort} refused access (403)`, 400, {
        remedy: 'Give the source user the monitor cluster privilege and read (and view_index_metadata) on the indices to migrate.',
      });
    }
    if (status === 404) {
      return new MigrationError('source_index_not_found', `Nothing on the source matches: ${error.message.split('\n')[0]}`, 404, {
        remedy: 'Check the index pattern.',
      });
    }
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/certificate|self[- ]signed|CERT_|unable to verify/i.test(message)) {
    return new MigrationError('source_tls_untrusted', `Kibana does not trust the certificate of ${hostPort}: ${message}`, 400, {
      remedy: `Paste the source's CA certificate (PEM) into the source's CA field. To get it: echo quit | openssl s_client -showcerts -servername "${target?.host ?? 'SOURCE_HOST'}" -connect "${hostPort}" > cacert.pem`,
    });
  }
  if (error instanceof Error && (error.name === 'ConnectionError' || error.name === 'TimeoutError' || error.name === 'NoLivingConnectionsError')) {
    return new MigrationError('source_unreachable', `Kibana could not reach the source at ${hostPort}: ${message}`, 400, {
      remedy: `Check that ${hostPort} is right, that the source is running, and that the Kibana server can reach it.`,
    });
  }
  if (error instanceof Error && error.name === 'ProductNotSupportedError') {
    return new MigrationError('source_not_elasticsearch', `${hostPort} does not answer like Elasticsearch 7.14 or later`, 400, {
      remedy: 'Check the host and port. Sources older than 7.14 can still be migrated by the destination, but the Kibana server cannot list their indices.',
    });
  }
  return error instanceof Error ? error : new Error(message);
};
