/*
 * The engine's one error class: a stable `code` the UI and scripts switch on, the HTTP status a route
 * answers with, and the exact remedy. Routes turn it into Kibana's `{ statusCode, error, message,
 * attributes }` in one place. Messages never contain a secret.
 */
import type { ErrorAttributes, ErrorCode } from '../../common/types/errors';

export class MigrationError extends Error {
  public override readonly name = 'MigrationError';

  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly statusCode: number,
    public readonly details: Omit<ErrorAttributes, 'code'> = {}
  ) {
    super(message);
  }

  get attributes(): ErrorAttributes {
    return { code: this.code, ...this.details };
  }
}

export const isMigrationError = (error: unknown): error is MigrationError =>
  error instanceof Error && error.name === 'MigrationError';

export const validationError = (field: string, message: string): MigrationError =>
  new MigrationError('validation_failed', `[${field}]: ${message}`, 400, { field });
