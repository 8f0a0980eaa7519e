// What this device enforces about the patient data it holds. One place, so the README and the decision record
// (docs/device-data-decision.md) can point here.

/**
 * PBKDF2-SHA-256 rounds for the offline verifier and the outbox key. OWASP's current advice for PBKDF2-SHA-256 is
 * 600,000; WebCrypto runs it natively, which takes about half a second to a second on a mid-range phone, paid once
 * per sign-in or unlock, and makes guessing a password from a stolen phone's verifier that much slower.
 */
export const PBKDF2_ITERATIONS = 600_000;

/** Used when the service has not said (older service, or a first start offline). */
export const DEFAULT_IDLE_SECONDS = 30 * 60;
export const DEFAULT_ABSOLUTE_SECONDS = 12 * 3600;

/** An unsent item is deleted from the device this long after it was captured, with a record of the discard. */
export const OUTBOX_MAX_AGE_MS = 72 * 3600_000;
/** From this age an unsent item is shown as about to be deleted. */
export const OUTBOX_WARN_AGE_MS = 60 * 3600_000;

/**
 * Test hook (used by the browser tests): a number of seconds in localStorage under this key shortens the idle lock.
 * It can only shorten it, never lengthen it beyond what the service says.
 */
export const IDLE_OVERRIDE_KEY = 'backlog.test.idle-seconds';
