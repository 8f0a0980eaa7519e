// Who may open this device's outbox, and the key that opens it. After an online sign-in the person's password gives
// (see secrets.ts) a verifier, kept here with its salt so that the same person can unlock offline later, and the
// outbox key, held in memory only: a reload, the idle lock or signing out drops it, and with it any way to read
// the outbox until that person's password is typed again. Nothing here is patient data.

import { DEFAULT_ABSOLUTE_SECONDS, DEFAULT_IDLE_SECONDS, IDLE_OVERRIDE_KEY, PBKDF2_ITERATIONS } from './config';
import { deriveSecrets, randomSalt, sameVerifier } from './secrets';

interface DeviceRecord {
  username: string;
  salt: string;
  iterations: number;
  verifier: string;
  /** When the last online sign-in happened (ms since the epoch): offline unlocks end with its absolute lifetime. */
  signedInAt: number;
  idleSeconds: number;
  absoluteSeconds: number;
}

const PREFIX = 'backlog.device.';
let open: { username: string; key: CryptoKey } | null = null;

function record(username: string): DeviceRecord | null {
  try {
    const raw = localStorage.getItem(PREFIX + username.toLowerCase());
    return raw ? (JSON.parse(raw) as DeviceRecord) : null;
  } catch {
    return null;
  }
}

/** After a successful online sign-in: keeps the verifier for offline unlocks and holds the outbox key. */
export async function rememberSignIn(username: string, password: string, idleSeconds?: number | null,
  absoluteSeconds?: number | null): Promise<void> {
  const name = username.toLowerCase();
  const known = record(name);
  // The salt stays with the person on this device, so the key still opens what they left in the outbox earlier.
  const salt = known?.salt ?? randomSalt();
  const iterations = known?.iterations ?? PBKDF2_ITERATIONS;
  const secrets = await deriveSecrets(password, salt, iterations);
  localStorage.setItem(PREFIX + name, JSON.stringify({
    username: name, salt, iterations, verifier: secrets.verifier, signedInAt: Date.now(),
    idleSeconds: idleSeconds ?? DEFAULT_IDLE_SECONDS, absoluteSeconds: absoluteSeconds ?? DEFAULT_ABSOLUTE_SECONDS,
  } satisfies DeviceRecord));
  open = { username: name, key: secrets.key };
}

/**
 * Offline: opens the outbox again for the person who last signed in online here, if the password matches their
 * verifier and their sign-in has not passed its absolute lifetime. Anyone else has to sign in online.
 */
export async function unlockOffline(username: string, password: string): Promise<boolean> {
  const known = record(username);
  if (!known || Date.now() > known.signedInAt + known.absoluteSeconds * 1000) return false;
  const secrets = await deriveSecrets(password, known.salt, known.iterations);
  if (!sameVerifier(secrets.verifier, known.verifier)) return false;
  open = { username: known.username, key: secrets.key };
  return true;
}

/** The outbox key of this person, if the device is unlocked for them. */
export function deviceKey(username: string): CryptoKey | null {
  return open && open.username === username.toLowerCase() ? open.key : null;
}

/** Drops the key: the outbox cannot be read until the person unlocks again. */
export function lockDevice(): void {
  open = null;
}

/** Idle time after which the app locks: the service's, or shorter when a test asks for it. */
export function idleLimitSeconds(username: string): number {
  const service = record(username)?.idleSeconds ?? DEFAULT_IDLE_SECONDS;
  const override = Number(localStorage.getItem(IDLE_OVERRIDE_KEY));
  return override > 0 ? Math.min(override, service) : service;
}
