/*
 * Whom the runner acts as for a job. The creating user's own client while this Kibana instance lives;
 * and, where Kibana's security plugin can grant one, an API key for that user (as Upgrade Assistant's
 * reindex does), sealed with the encryption key in the state index, so a job outlives the user's session
 * and a Kibana restart without falling back to Kibana's own user. The key is invalidated when the job ends.
 */
import type { EsClient, Logger } from '../es_client';
import { MigrationError } from '../migration_error';
import { SecretUnreadableError, type SecretVault } from '../sources/secrets';
import type { StateIndex } from '../job_record/state_index';

export interface GrantedApiKey {
  id: string;
  api_key: string;
}

interface StoredCredential {
  key_id: string;
  sealed?: string;
}

export interface JobCredentialsDeps {
  state: StateIndex;
  vault: SecretVault;
  /** A client acting with an `Authorization` header value (Kibana: `asScoped({ headers }).asCurrentUser`). */
  scoped?: (authorization: string) => EsClient;
  invalidate?: (keyIds: string[]) => Promise<void>;
  logger: Logger;
}

const aad = (jobId: string) => `job-credential:${jobId}`;

/** The runner asks every poll: a job without a stored key is looked up again only after this long. */
const MISS_TTL_MS = 60_000;

export class JobCredentials {
  private readonly clients = new Map<string, EsClient>();
  private readonly misses = new Map<string, number>();

  constructor(private readonly deps: JobCredentialsDeps) {}

  /** The user's own client, for as long as this instance lives (or until an API key replaces it). */
  actAs(jobId: string, client: EsClient): void {
    this.clients.set(jobId, client);
  }

  /** Grants (through `grant`) and keeps an API key for the job; without security, nothing changes. */
  async grant(jobId: string, grant: () => Promise<GrantedApiKey | null | undefined>): Promise<boolean> {
    if (!this.deps.scoped) return false;
    let key: GrantedApiKey | null | undefined;
    try {
      key = await grant();
    } catch (error) {
      this.deps.logger.warn(`Migration job ${jobId}: no API key could be granted (${(error as Error).message}); the job acts with the user's session while this Kibana runs`);
      return false;
    }
    if (!key) return false;
    const previous = await this.deps.state.get<StoredCredential>('credential', jobId);
    if (previous) await this.forget(jobId);
    const authorization = `ApiKey ${Buffer.from(`${key.id}:${key.api_key}`).toString('base64')}`;
    const sealed = await this.deps.vault.seal(aad(jobId), authorization);
    await this.deps.state.put<StoredCredential>('credential', jobId, { key_id: key.id, sealed }, { created_at: new Date().toISOString() });
    this.clients.set(jobId, this.deps.scoped(authorization));
    this.misses.delete(jobId);
    return true;
  }

  /** The client to act for the job with, or undefined when neither the user's nor a key is available. */
  async clientFor(jobId: string): Promise<EsClient | undefined> {
    const known = this.clients.get(jobId);
    if (known || !this.deps.scoped) return known;
    if (Date.now() - (this.misses.get(jobId) ?? 0) < MISS_TTL_MS) return undefined;
    const stored = await this.deps.state.get<StoredCredential>('credential', jobId);
    if (!stored) {
      this.misses.set(jobId, Date.now());
      return undefined;
    }
    const authorization = await this.deps.vault.open(aad(jobId), stored.value.sealed).catch((error: unknown) => {
      if (!(error instanceof SecretUnreadableError)) throw error;
      throw new MigrationError('secret_unreadable', `The API key job [${jobId}] acts with cannot be read: ${error.message}`, 409, {
        remedy: 'Set migrationAssistant.encryptionKey back to the key the job was created with, or retry the job (POST /api/migration_assistant/jobs/{id}/_retry), which grants a new API key for you.',
      });
    });
    if (!authorization) return undefined;
    const client = this.deps.scoped(authorization);
    this.clients.set(jobId, client);
    return client;
  }

  /** The job ended: its API key is invalidated and its record deleted. */
  async forget(jobId: string): Promise<void> {
    this.clients.delete(jobId);
    this.misses.delete(jobId);
    this.deps.vault.forget(aad(jobId));
    const stored = await this.deps.state.get<StoredCredential>('credential', jobId);
    if (!stored) return;
    await this.deps.invalidate?.([stored.value.key_id]).catch((error: Error) =>
      this.deps.logger.warn(`Migration job ${jobId}: its API key ${stored.value.key_id} could not be invalidated (${error.message})`)
    );
    await this.deps.state.delete('credential', jobId);
  }
}
