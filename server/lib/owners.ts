/*
 * Owners: who created a saved source, a job or a report, as Elasticsearch authenticates the caller
 * (`_security/_authenticate` as the current user). Without Elasticsearch security there is nobody to name:
 * no owner is recorded, and nothing is refused for it.
 */
import type { Owner } from '../../common/types/owner';
import { EsClient, isResponseError } from './es_client';

/** Elasticsearch without security has no `_security` endpoints: each version says so its own way. */
export const isSecurityDisabledError = (error: unknown): boolean => {
  if (!isResponseError(error)) return false;
  const text = JSON.stringify(error.body ?? error.message);
  return (
    /no handler found for uri \[\/_security/.test(text) ||
    /Incorrect HTTP method for uri \[\/_security/.test(text) ||
    /Invalid index name \[_security\]/.test(text) ||
    /Security must be explicitly enabled|security is not enabled|Security is disabled/i.test(text)
  );
};

const known = new WeakMap<EsClient, Promise<Owner | undefined>>();
const spaces = new WeakMap<EsClient, string>();

/** The Kibana space of the request a current-user client belongs to (set by the routes' wrapper). */
export const rememberSpace = (client: EsClient, space: string | undefined): void => {
  if (space) spaces.set(client, space);
};

/** The caller a client acts for (asked once per client, which in Kibana is once per request). */
export const currentOwner = (client: EsClient): Promise<Owner | undefined> => {
  let owner = known.get(client);
  if (!owner) {
    const space = spaces.get(client);
    owner = client.security.authenticate().then(
      (user) => ({ username: user.username, realm: user.authentication_realm?.name, ...(space ? { space } : {}) }),
      (error: unknown) => {
        if (isSecurityDisabledError(error)) return undefined;
        throw error;
      }
    );
    known.set(client, owner);
  }
  return owner;
};

export const sameOwner = (a: Owner, b: Owner): boolean => a.username === b.username && (a.realm ?? '') === (b.realm ?? '');

export const describeOwner = (owner: Owner): string => (owner.realm ? `${owner.username} (${owner.realm})` : owner.username);
