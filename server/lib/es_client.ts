/*
 * The Elasticsearch client type the engine takes. Structurally what Kibana hands out as
 * `ElasticsearchClient` (src/core/packages/elasticsearch/server/src/client/client.ts): the
 * @elastic/elasticsearch Client without its connection-management members. The engine never imports
 * Kibana, so it names the client by this shape.
 */
import type { Client } from '@elastic/elasticsearch';

export type EsClient = Omit<Client, 'connectionPool' | 'serializer' | 'extend' | 'close' | 'diagnostic'>;

export interface EsResponseError {
  name: string;
  statusCode?: number;
  body?: { error?: { type?: string; reason?: string; caused_by?: unknown; root_cause?: unknown[] } | string; status?: number };
  meta?: { statusCode?: number };
  message: string;
}

/** Checked by name, not instanceof: Kibana's copy of the client may differ from ours. */
export const isResponseError = (error: unknown): error is EsResponseError =>
  error instanceof Error && error.name === 'ResponseError';

export const errorStatus = (error: unknown): number | undefined =>
  isResponseError(error) ? error.statusCode ?? error.meta?.statusCode : undefined;

export const errorType = (error: unknown): string | undefined => {
  if (!isResponseError(error)) return undefined;
  const body = error.body?.error;
  return typeof body === 'object' ? body.type : undefined;
};

/** The reason Elasticsearch gave, or the error's message. */
export const errorReason = (error: unknown): string => {
  if (!isResponseError(error)) return (error as Error).message;
  const body = error.body?.error;
  return (typeof body === 'object' ? body.reason : body) ?? error.message;
};

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
