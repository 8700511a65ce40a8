/*
 * Snapshot repositories on the destination: list (secrets redacted), register read-only by default and
 * verify, with the errors users meet mapped to their fixes.
 */
import type { Repository, RepositoryInput } from '../../../common/types/snapshots';
import { EsClient, isResponseError } from '../es_client';
import { MigrationError } from '../migration_error';

const SECRET_SETTING = /secret|password|key|token|credential|sas/i;
export const REDACTED = '<redacted>';

export const redactSettings = (settings: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, SECRET_SETTING.test(key) ? REDACTED : value]));

const isReadonly = (type: string, settings: Record<string, unknown>): boolean =>
  type === 'url' || settings.readonly === true || settings.readonly === 'true';

export const listRepositories = async (client: EsClient): Promise<Repository[]> => {
  const repositories = (await client.snapshot.getRepository()) as Record<string, { type: string; settings?: Record<string, unknown> }>;
  return Object.entries(repositories)
    .map(([name, repository]) => ({
      name,
      type: repository.type,
      readonly: isReadonly(repository.type, repository.settings ?? {}),
      settings: redactSettings(repository.settings ?? {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
};

/** The settings field an Elasticsearch reason names ("missing location", "[compress]", "setting [url]"), else `settings`. */
const settingsField = (text: string, settings: Record<string, unknown>): string => {
  const missing = /missing \[?([A-Za-z0-9_.]+)\]?/.exec(text)?.[1];
  if (missing) return `settings.${missing}`;
  const named = Object.keys(settings).find((key) => text.includes(`[${key}]`) || text.includes(`[${key.replace(/^.*\./, '')}]`));
  return named ? `settings.${named}` : 'settings';
};

const mapRepositoryError = (error: unknown, name: string, type = '', settings: Record<string, unknown> = {}): Error => {
  if (!isResponseError(error) || typeof error.body?.error !== 'object') return error as Error;
  // The useful reason is often in the cause ("failed to create repository" ← "location [...] doesn't match ...").
  const causes = [error.body.error, ...((error.body.error.root_cause ?? []) as Array<{ reason?: string }>)];
  const text = JSON.stringify(error.body.error);
  const reason = causes.map((cause) => cause.reason).filter((r): r is string => !!r).pop() ?? error.message;
  if (/doesn't match any of the locations specified by path.repo/.test(text)) {
    return new MigrationError('repository_location_not_allowed', reason, 400, {
      field: 'settings.location',
      remedy: 'Add the folder (or a parent) to path.repo in elasticsearch.yml on every master and data node of the destination, e.g. path.repo: ["/mnt/snapshots"], and restart them; the folder must be the same shared storage the source writes.',
      es_error: { type: error.body.error.type, reason },
    });
  }
  if (/Unknown \[repository\] type/.test(text)) {
    return new MigrationError('repository_type_unknown', reason, 400, {
      field: 'type',
      remedy: 'Use a repository type the destination supports (fs, url, s3, gcs, azure from 8.0; a plugin such as repository-oss for others).',
      es_error: { type: error.body.error.type, reason },
    });
  }
  // A bad settings field answers 500 from Elasticsearch ("[name] missing location", an unknown or invalid
  // setting): the request's fault, so a 400 naming the field when the reason names one.
  if (error.body.error.type === 'repository_exception' || error.body.error.type === 'illegal_argument_exception' || error.body.error.type === 'settings_exception') {
    const field = settingsField(text, settings);
    return new MigrationError('validation_failed', `[${field}]: ${reason}`, 400, {
      field,
      remedy: `Check the repository settings for type [${type}] (the type's documentation lists them).`,
      es_error: { type: error.body.error.type, reason },
    });
  }
  if (error.body.error.type === 'repository_verification_exception') {
    return new MigrationError('repository_verification_failed', `Repository [${name}] is registered but not readable by every node: ${reason}`, 400, {
      remedy: 'Every master and data node must see the same storage at the same path with read access (for fs: a shared mount listed in path.repo).',
      es_error: { type: error.body.error.type, reason },
    });
  }
  return error;
};

export const registerRepository = async (client: EsClient, name: string, input: RepositoryInput): Promise<Repository> => {
  const readonly = input.readonly !== false;
  const settings = { ...input.settings, ...(readonly && input.type !== 'url' ? { readonly: true } : {}) };
  try {
    await client.snapshot.createRepository({ name, repository: { type: input.type, settings } } as never);
    await client.snapshot.verifyRepository({ name });
  } catch (error) {
    throw mapRepositoryError(error, name, input.type, settings);
  }
  return { name, type: input.type, readonly: isReadonly(input.type, settings), settings: redactSettings(settings) };
};

export const verifyRepository = async (client: EsClient, name: string): Promise<{ nodes: string[] }> => {
  try {
    const result = await client.snapshot.verifyRepository({ name });
    return { nodes: Object.values(result.nodes).map((node) => node.name) };
  } catch (error) {
    throw mapRepositoryError(error, name);
  }
};
