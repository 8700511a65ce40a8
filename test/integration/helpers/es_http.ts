/* Plain HTTP to the test bed's clusters, for arranging and asserting in integration tests. */

export interface EsResponse {
  status: number;
  body: unknown;
}

/** `authorization`: an Authorization header value, for the secured node. */
export const esRequest = async (baseUrl: string, method: string, path: string, body?: unknown, authorization?: string): Promise<EsResponse> => {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(authorization ? { authorization } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed };
};

let counter = 0;
/** Index and repository names unique to this run, so tests never collide with each other or the seed. */
export const uniqueName = (prefix: string): string => `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter++}`;

export const waitUntil = async (condition: () => Promise<boolean>, timeoutMs: number, intervalMs = 500): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
};
