// Every call to the service goes through here: the access token is attached, a refused token is refreshed once,
// and a session that has ended asks the person to sign in again before the call is retried. Features build their
// addresses with `apiPath`, which only accepts paths the service's OpenAPI document lists.

import { ApiError, readProblem } from './problem';
import type { paths } from './schema';
import { refresh, session, signInAgain } from './session';

/** A path of the service's API, e.g. '/api/items/{id}'. */
export type ApiPath = keyof paths;

/** The address of an API path with its `{name}` parts filled in (encoded) and an optional query string. */
export function apiPath(
  template: ApiPath,
  params: Record<string, string | number> = {},
  search: Record<string, string | number | boolean | undefined | null> = {},
): string {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${template}: no value for ${name}`);
    return encodeURIComponent(String(value));
  });
  return `${path}${query(search)}`;
}

/** The precondition for a change to a versioned resource (the service answers 412 if it has moved on). */
export function ifMatch(version: number): Record<string, string> {
  return { 'If-Match': `"${version}"` };
}

export interface CallOptions {
  method?: string;
  /** Sent as JSON; a Blob is sent as it is, as application/octet-stream (a slice of a file). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Give up after this long and treat the service as out of reach (poor connections). */
  timeoutMs?: number;
  /** When the session has ended: ask to sign in again (true, for what the person is doing now) or fail (false). */
  promptSignIn?: boolean;
}

export interface CallResult<T> {
  data: T;
  status: number;
  headers: Headers;
}

async function send(path: string, options: CallOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  const body = options.body instanceof Blob || options.body === undefined ? options.body : JSON.stringify(options.body);
  if (body !== undefined) headers['Content-Type'] = body instanceof Blob ? 'application/octet-stream' : 'application/json';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 20000);
  try {
    return await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: controller.signal,
    });
  } catch {
    throw ApiError.offline();
  } finally {
    clearTimeout(timer);
  }
}

/** The service's answer when it is a success; a refused token refreshed once; an error as an ApiError. */
async function answered(path: string, options: CallOptions): Promise<Response> {
  if (!session.token()) {
    await refresh().catch(() => false);
  }
  let response = await send(path, options);
  if (response.status === 401) {
    if (!(await refresh())) {
      if (options.promptSignIn === false) {
        throw new ApiError(401, await readProblem(response));
      }
      await signInAgain();
    }
    response = await send(path, options);
  }
  if (response.status === 502 || response.status === 503 || response.status === 504) {
    throw new ApiError(response.status, null, true);
  }
  if (!response.ok) {
    throw new ApiError(response.status, await readProblem(response));
  }
  return response;
}

export async function call<T>(path: string, options: CallOptions = {}): Promise<CallResult<T>> {
  const response = await answered(path, options);
  const data = response.status === 204 || response.headers.get('Content-Length') === '0'
    ? (null as T)
    : ((await response.json()) as T);
  return { data, status: response.status, headers: response.headers };
}

export async function get<T>(path: string): Promise<T> {
  return (await call<T>(path)).data;
}

export async function post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
  return (await call<T>(path, { method: 'POST', body: body ?? {}, headers })).data;
}

/** A file the service answers (such as a CSV export), as a Blob, with the same sign-in and errors as any call. */
export async function download(path: string, accept: string): Promise<Blob> {
  const response = await answered(path, { headers: { Accept: accept }, timeoutMs: 120000 });
  return response.blob();
}

/** A query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}
