/*
 * Source secrets (passwords, API keys). With `migrationAssistant.encryptionKey` they are encrypted at rest
 * with @elastic/node-crypto (AES-256-GCM) and the source id as additional authenticated data; without a
 * key they live in this process's memory only, and are gone after a restart.
 */
import nodeCrypto from '@elastic/node-crypto';

export interface SecretVault {
  readonly encrypted: boolean;
  /** Returns what to store in the source document (nothing when secrets stay in memory). */
  seal(sourceId: string, secret: string): Promise<string | undefined>;
  open(sourceId: string, stored: string | undefined): Promise<string | undefined>;
  forget(sourceId: string): void;
}

export const MIN_KEY_LENGTH = 32;

/** A stored secret this key cannot open: it was sealed with another encryption key. */
export class SecretUnreadableError extends Error {
  constructor() {
    super('it was encrypted with another migrationAssistant.encryptionKey');
  }
}

export const createSecretVault = (encryptionKey: string | undefined): SecretVault => {
  const memory = new Map<string, string>();
  if (!encryptionKey) {
    return {
      encrypted: false,
      async seal(sourceId, secret) {
        memory.set(sourceId, secret);
        return undefined;
      },
      async open(sourceId) {
        return memory.get(sourceId);
      },
      forget: (sourceId) => memory.delete(sourceId),
    };
  }
  if (encryptionKey.length < MIN_KEY_LENGTH) {
    throw new Error(`migrationAssistant.encryptionKey must be at least ${MIN_KEY_LENGTH} characters`);
  }
  const crypto = nodeCrypto({ encryptionKey });
  return {
    encrypted: true,
    async seal(sourceId, secret) {
      return crypto.encrypt(secret, sourceId);
    },
    async open(sourceId, stored) {
      if (!stored) return undefined;
      try {
        return String(await crypto.decrypt(stored, sourceId));
      } catch {
        // Sealed with another key (migrationAssistant.encryptionKey changed) or damaged.
        throw new SecretUnreadableError();
      }
    },
    forget: () => undefined,
  };
};
