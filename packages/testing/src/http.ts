/** A tiny HTTP client for tests that check status codes, headers and bodies exactly. */
export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON, else the text. */
  body: T;
  text: string;
}

export interface ApiRequestInit {
  method?: string;
  body?: unknown;
  /** Raw body bytes/text, sent as-is (for malformed-input tests). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  contentType?: string;
}

export async function apiRequest<T = unknown>(baseUrl: string, path: string, init: ApiRequestInit = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | Buffer | undefined;
  if (init.rawBody !== undefined) body = init.rawBody;
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined) headers['Content-Type'] = init.contentType ?? headers['Content-Type'] ?? 'application/json';
  const res = await fetch(baseUrl + path, { method: init.method ?? 'GET', headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text !== '') parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}
