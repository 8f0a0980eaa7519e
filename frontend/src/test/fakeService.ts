import { vi } from 'vitest';

export type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

export const me = {
  username: 'clerk1', displayName: 'Clerk One', roles: ['CLERK'], sites: ['RXH'], targetSystems: ['EPR'],
};

/** Stands in for the network: signs in through the refresh cookie, then answers with the given handler. */
export function fakeService(handler: Handler) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init });
    if (url === '/api/auth/refresh') {
      return json(200, { ...me, access_token: 'token', token_type: 'Bearer', expires_in: 900, refresh_token: null });
    }
    return handler(url, init);
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    posts: () => calls.filter((c) => c.url === '/api/items' && c.init.method === 'POST'),
    batches: () => calls.filter((c) => c.url === '/api/items/batch' && c.init.method === 'POST'),
  };
}

export function offline(): never {
  throw new TypeError('Failed to fetch');
}
