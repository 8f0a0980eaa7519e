// Sending captured items. Every item goes to the outbox first and is sent from there, so a reload, a dropped
// connection or a closed tab between "save" and the service's answer loses nothing; the Idempotency-Key makes a
// second send of the same item return the first one instead of creating another.

import { ApiError, type Problem } from '../../lib/api/problem';
import type { Item, ItemCreateRequest } from '../../lib/api/types';
import { createItem, reportDiscard } from './api';
import {
  addEntry, discardExpired, discardReported, entries, newKey, pendingDiscards, removeEntry, updateEntry, type OutboxEntry,
} from './outbox';

export type Delivery =
  | { outcome: 'sent'; item: Item }
  | { outcome: 'rejected'; problem: Problem }
  | { outcome: 'waiting' };

/** Sends one entry. On a refusal the entry is kept as rejected unless `dropIfRejected`. */
async function deliver(entry: OutboxEntry, promptSignIn: boolean, dropIfRejected: boolean): Promise<Delivery> {
  try {
    const item = await createItem(entry.request, entry.key, promptSignIn);
    await removeEntry(entry.key);
    return { outcome: 'sent', item };
  } catch (e) {
    if (!(e instanceof ApiError) || e.offline || e.status === 401 || e.status === 429 || e.status >= 500) {
      await updateEntry(entry.key, (current) => ({ ...current, attempts: current.attempts + 1 }));
      return { outcome: 'waiting' };
    }
    const problem = e.problem ?? { title: e.message, status: e.status };
    if (dropIfRejected) {
      await removeEntry(entry.key);
    } else {
      await updateEntry(entry.key, (current) => ({ ...current, state: 'rejected', problem }));
    }
    return { outcome: 'rejected', problem };
  }
}

/**
 * Saves a newly captured item: into the outbox, then straight to the service. If the service refuses it the entry
 * is dropped and the problem returned, so the form can show it beside the fields it names (the form still holds
 * what was typed). If the service cannot be reached the entry waits in the outbox.
 */
export async function saveCaptured(username: string, request: ItemCreateRequest): Promise<Delivery> {
  const entry = await addEntry(username, newKey(), request);
  return deliver(entry, true, true);
}

let sending: Promise<number> | null = null;

/**
 * Deletes entries that waited past the limit (anyone's on this device), and reports this person's discards to the
 * service while it can be reached; a report that fails is kept and tried again next time.
 */
export async function discardAndReport(username: string): Promise<void> {
  await discardExpired();
  for (const discard of pendingDiscards(username)) {
    try {
      await reportDiscard(discard);
      discardReported(discard);
    } catch {
      return;
    }
  }
}

async function sendWaitingNow(username: string): Promise<number> {
  await discardAndReport(username);
  let sent = 0;
  for (const entry of await entries(username)) {
    if (entry.state !== 'waiting') continue;
    const result = await deliver(entry, false, false);
    if (result.outcome === 'waiting') break; // still out of reach: try again later
    if (result.outcome === 'sent') sent++;
  }
  return sent;
}

/**
 * Sends the person's waiting entries, oldest first, stopping at the first that cannot reach the service. One
 * sender at a time across this device's tabs (Web Locks), one at a time within a tab. Returns how many were sent.
 */
export function sendWaiting(username: string): Promise<number> {
  sending ??= (async () => {
    try {
      if (typeof navigator !== 'undefined' && navigator.locks) {
        return await navigator.locks.request('backlog-outbox-send', () => sendWaitingNow(username));
      }
      return await sendWaitingNow(username);
    } finally {
      sending = null;
    }
  })();
  return sending;
}

/** Puts a rejected entry back in the queue to send (after, say, the outage was reopened or access granted). */
export function retryEntry(key: string): Promise<void> {
  return updateEntry(key, (entry) => ({ ...entry, state: 'waiting', problem: null }));
}
