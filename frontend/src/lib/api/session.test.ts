import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, me } from '../../test/fakeService';
import { deviceKey } from '../device/vault';
import { resume, session, signOut } from './session';

const tokens = { ...me, access_token: 'token', token_type: 'Bearer', expires_in: 900, refresh_token: null,
  idleTimeoutSeconds: 1800, absoluteTimeoutSeconds: 43200 };

function service(refreshAnswer: () => Response, calls: string[] = []) {
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL) => {
    calls.push(String(input));
    if (String(input) === '/api/auth/refresh') return refreshAnswer();
    if (String(input) === '/api/auth/logout') return new Response(null, { status: 204 });
    return json(404, { title: 'Not found', status: 404 });
  }));
  return calls;
}

describe('the session at start', () => {
  afterEach(async () => {
    await signOut();
    localStorage.clear();
    vi.unstubAllGlobals();
  });

  it('stays locked when resumed with the cookie alone: whoever holds the phone must type the password', async () => {
    service(() => json(200, tokens));
    await resume();
    expect(session.get().me?.username).toBe(me.username);
    expect(session.get().locked).toBe(true);
    expect(deviceKey(me.username)).toBeNull();
  });

  it('opens the outbox after a sign-in through the identity provider, with the device secret of its first refresh',
    async () => {
      service(() => json(200, { ...tokens, deviceSecret: 'c2VjcmV0LWZyb20tdGhlLXNlcnZpY2UtZm9yLWNsZXJrMQ' }));
      await resume();
      expect(session.get().locked).toBe(false);
      expect(deviceKey(me.username)).not.toBeNull();
      // the device keeps a verifier and salt, never the secret itself
      expect(JSON.stringify({ ...localStorage })).not.toContain('c2VjcmV0LWZyb20tdGhlLXNlcnZpY2UtZm9yLWNsZXJrMQ');
    });

  it('a sign-out made offline is ended at the next start and the session not resumed', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await signOut();
    const calls = service(() => json(200, tokens));
    await resume();
    expect(calls).toContain('/api/auth/logout');
    expect(calls).not.toContain('/api/auth/refresh');
    expect(session.get().me).toBeNull();
  });
});
