// The signed-in session. The access token lives only in memory; the refresh token is an HttpOnly cookie the
// script never sees (sent only to /api/auth with the X-Session header). The caller's profile (name, roles, sites:
// nothing secret, no patient data) is remembered on the device so the app can still capture while offline after
// a reload; it is forgotten on sign-out.

import { deviceKey, lockDevice, rememberSignIn, unlockOffline } from '../device/vault';
import { ApiError, readProblem } from './problem';
import type { paths } from './schema';
import type { Me, Role, TokenResponse } from './types';

const PROFILE_KEY = 'backlog.profile';
/** Set when a sign-out could not reach the service: the cookie's sign-in must not be resumed, and is ended later. */
const PENDING_LOGOUT_KEY = 'backlog.pending-logout';
const SESSION_HEADERS = { 'X-Session': 'cookie', 'Content-Type': 'application/json' };

export interface SessionState {
  /** Who is using the app, or null when nobody is signed in. */
  me: Me | null;
  /** True once the first refresh attempt finished (the app knows whether someone is signed in). */
  ready: boolean;
  /** The profile is known but no access token could be had because the service is out of reach. */
  offline: boolean;
  /** The session ended while in use: a dialog asks the same person to sign in again. */
  expired: boolean;
  /**
   * The person is known but the device is locked (after a reload, or idle too long): nothing shows until they type
   * their password again, and the outbox cannot be read.
   */
  locked: boolean;
}

let accessToken: string | null = null;
let state: SessionState = { me: null, ready: false, offline: false, expired: false, locked: false };
const listeners = new Set<() => void>();
let refreshing: Promise<boolean> | null = null;
/** Bumped by sign-out: an answer to a request made before it is ignored. */
let generation = 0;
const TIMEOUT_MS = 8000;
let waitingForSignIn: { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | null = null;

function set(next: Partial<SessionState>) {
  state = { ...state, ...next };
  listeners.forEach((l) => l());
}

export const session = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get(): SessionState {
    return state;
  },
  token(): string | null {
    return accessToken;
  },
};

function remember(me: Me) {
  localStorage.setItem(PROFILE_KEY, JSON.stringify({
    username: me.username, displayName: me.displayName, roles: me.roles, sites: me.sites,
    targetSystems: me.targetSystems,
  } satisfies Me));
}

function rememberedProfile(): Me | null {
  try {
    const raw = localStorage.getItem(PROFILE_KEY);
    return raw ? (JSON.parse(raw) as Me) : null;
  } catch {
    return null;
  }
}

function signedIn(tokens: TokenResponse) {
  accessToken = tokens.access_token;
  const me: Me = {
    username: tokens.username, displayName: tokens.displayName, roles: tokens.roles as Role[],
    sites: tokens.sites, targetSystems: tokens.targetSystems,
  };
  remember(me);
  // A refresh keeps the device as it is; only typing the password (signIn, unlock) opens it.
  set({ me, ready: true, offline: false, expired: false, locked: deviceKey(me.username) === null });
  if (waitingForSignIn) {
    waitingForSignIn.resolve();
    waitingForSignIn = null;
  }
}

async function post(path: keyof paths, body?: unknown): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    return await fetch(path, {
      method: 'POST',
      headers: SESSION_HEADERS,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
  } catch {
    throw ApiError.offline();
  } finally {
    clearTimeout(timer);
  }
}

/** One refresh at a time across this device's tabs: two at once would present one cookie twice, which ends the sign-in. */
async function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) {
    return (await navigator.locks.request('backlog-refresh', work)) as T;
  }
  return work();
}

/** Signs in; throws ApiError (401 wrong details, 429 too many attempts, offline). */
export async function signIn(username: string, password: string): Promise<void> {
  const response = await post('/api/auth/login', { username, password });
  if (!response.ok) {
    throw new ApiError(response.status, await readProblem(response));
  }
  const tokens = (await response.json()) as TokenResponse;
  localStorage.removeItem(PENDING_LOGOUT_KEY);
  await rememberSignIn(tokens.username, password, tokens.idleTimeoutSeconds, tokens.absoluteTimeoutSeconds);
  const previous = state.me;
  if (state.expired && previous && previous.username !== tokens.username.toLowerCase()) {
    // Someone else signed in over an expired session: start afresh rather than carry on the other's screen.
    signedIn(tokens);
    window.location.assign('/');
    return;
  }
  signedIn(tokens);
}

/**
 * Gets a new access token with the refresh cookie. True when it worked; false when the cookie is missing or no
 * longer valid; throws an offline ApiError when the service is out of reach. Concurrent callers share one attempt.
 */
export function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    const started = generation;
    try {
      const response = await oneAtATime(() => post('/api/auth/refresh'));
      if (started !== generation) return false;
      if (response.ok) {
        const tokens = (await response.json()) as TokenResponse;
        if (state.me && state.me.username !== tokens.username) {
          // Someone else signed in on this device in another tab: this tab must not carry on as them.
          accessToken = null;
          window.location.assign('/');
          return false;
        }
        if (tokens.deviceSecret) {
          // The first refresh after a sign-in through the identity provider, where no password was typed: the
          // person's device secret opens their outbox as the password does after a local sign-in. Their password
          // cannot unlock it offline later; they sign in through the provider again.
          localStorage.removeItem(PENDING_LOGOUT_KEY);
          await rememberSignIn(tokens.username, tokens.deviceSecret, tokens.idleTimeoutSeconds,
            tokens.absoluteTimeoutSeconds);
        }
        signedIn(tokens);
        return true;
      }
      if (response.status >= 500) {
        throw new ApiError(response.status, null, true);
      }
      accessToken = null;
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/**
 * Ends the sign-in of the last person who signed out (or switched) without a connection, if there is one; true when
 * there was. Throws an offline ApiError when the service is still out of reach.
 */
export async function endPendingSignOut(): Promise<boolean> {
  if (!localStorage.getItem(PENDING_LOGOUT_KEY)) return false;
  await post('/api/auth/logout');
  localStorage.removeItem(PENDING_LOGOUT_KEY);
  return true;
}

/** At start: resume the cookie's session, or carry on offline as the remembered person. */
export async function resume(): Promise<void> {
  if (localStorage.getItem(PENDING_LOGOUT_KEY)) {
    // The last person signed out (or switched) without a connection: end that sign-in now, never resume it.
    try {
      await endPendingSignOut();
    } catch {
      // still offline: try again at the next start
    }
    set({ me: null, ready: true, offline: false, locked: false });
    return;
  }
  try {
    if (!(await refresh())) {
      localStorage.removeItem(PROFILE_KEY);
      set({ me: null, ready: true, offline: false });
    }
  } catch {
    const profile = rememberedProfile();
    set({ me: profile, ready: true, offline: profile !== null, locked: profile !== null });
  }
}

/**
 * Opens a locked device for the person it is locked for. Online this is a fresh sign-in; offline the password is
 * checked against the verifier from their last online sign-in here. Throws ApiError 401 when it does not match.
 */
export async function unlock(password: string): Promise<void> {
  const me = state.me;
  if (!me) return;
  try {
    await signIn(me.username, password);
    return;
  } catch (e) {
    // The service's own verdict on the password stands; without one (no connection, the service or a proxy down)
    // the device checks it.
    if (!(e instanceof ApiError) || e.status === 401 || e.status === 429 || (!e.offline && e.status < 500)) throw e;
  }
  if (!(await unlockOffline(me.username, password))) throw new ApiError(401, null);
  set({ locked: false, offline: true });
}

/** Locks the device for the signed-in person: their outbox key and access token are dropped from memory. */
export function lock(): void {
  if (!state.me || state.locked) return;
  lockDevice();
  accessToken = null;
  set({ locked: true });
}

/** The service is reachable again after an offline start: get a token, or ask to sign in. */
export async function reconnect(): Promise<void> {
  if (!state.offline) return;
  try {
    if (await refresh()) return;
    set({ offline: false, expired: true });
  } catch {
    // still out of reach
  }
}

/**
 * The access token was refused and could not be refreshed: ask the person to sign in again, keeping the screen
 * (and whatever was typed) as it is. Resolves once they have; rejects if they choose to sign out instead.
 */
export function signInAgain(): Promise<void> {
  if (!waitingForSignIn) {
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    waitingForSignIn = { promise, resolve, reject };
    accessToken = null;
    set({ expired: true });
  }
  return waitingForSignIn.promise;
}

/** Ends the session on the service (when reachable) and on this device. */
export async function signOut(): Promise<void> {
  forget();
  try {
    // The cookie alone names the sign-in to end; an access token that is no longer current would only get it refused.
    await post('/api/auth/logout');
  } catch {
    // offline: the device has forgotten the session already; the sign-in is ended at the next start
    localStorage.setItem(PENDING_LOGOUT_KEY, '1');
  }
}

/** Ends the session on this device (and, through the profile's removal, in its other tabs). */
function forget() {
  generation++;
  accessToken = null;
  lockDevice();
  localStorage.removeItem(PROFILE_KEY);
  if (waitingForSignIn) {
    waitingForSignIn.reject(new ApiError(401, null));
    waitingForSignIn = null;
  }
  set({ me: null, offline: false, expired: false, locked: false });
}

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === PROFILE_KEY && e.newValue === null && state.me) forget();
  });
}

export function hasRole(me: Me | null, ...roles: Me['roles']): boolean {
  return !!me && me.roles.some((r) => roles.includes(r));
}
