/* The plugin's public API through a running development host, as a script or the UI calls it. */
import { API_BASE_PATH, API_VERSION } from '../../../common/constants';

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown> & { attributes?: Record<string, unknown> };
}

/** `call(method, path, body?)` against `${hostUrl}/api/migration_assistant`, with the version and XSRF headers. */
export const hostApi =
  (hostUrl: () => string) =>
  async (method: string, path: string, body?: unknown): Promise<ApiAnswer> => {
    const response = await fetch(`${hostUrl()}${API_BASE_PATH}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'kbn-xsrf': 'true', 'elastic-api-version': API_VERSION },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as ApiAnswer['body'] };
  };
