// Sending captured items. Every item goes to the outbox first and is sent from there, so a reload, a dropped
// connection or a closed tab between "save" and the service's answer loses nothing; the Idempotency-Key makes a
// second send of the same item return the first one instead of creating another. A newly saved item is sent on its
// own; what waited is sent in batches (POST /api/items/batch), answered item by item.

import { ApiError, type Problem } from '../../lib/api/problem';
import type { Item, ItemCreateRequest } from '../../lib/api/types';
import { createItem, createItems, reportDiscard } from './api';
import {
  addEntry, discardExpired, discardReported, entries, newKey, pendingDiscards, removeEntry, updateEntry, type OutboxEntry,
} from './outbox';

export type Delivery =
  | { outcome: 'sent'; item: Item }
  | { outcome: 'rejected'; problem: Problem }
  | { outcome: 'waiting' };

/** Items per batch: the service takes at most 100 (POST /api/items/batch). */
export const BATCH_ITEMS = 100;
/** And well under its 256 KiB limit on a request body, for items with long details. */
const BATCH_BYTES = 200 * 1024;

/** An answer that says nothing about the items themselves: try again later. */
function outOfReach(e: unknown): boolean {
  return !(e instanceof ApiError) || e.offline || e.status === 401 || e.status === 429 || e.status >= 500;
}

function stillWaiting(entry: OutboxEntry): Promise<void> {
  return updateEntry(entry.key, (current) => ({ ...current, attempts: current.attempts + 1 }));
}

/** Sends one entry. On a refusal the entry is kept as rejected unless `dropIfRejected`. */
async function deliver(entry: OutboxEntry, promptSignIn: boolean, dropIfRejected: boolean): Promise<Delivery> {
  try {
    const item = await createItem(entry.request, entry.key, promptSignIn);
    await removeEntry(entry.key);
    return { outcome: 'sent', item };
  } catch (e) {
    if (outOfReach(e)) {
      await stillWaiting(entry);
      return { outcome: 'waiting' };
    }
    const error = e as ApiError;
    const problem = error.problem ?? { title: error.message, status: error.status };
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

/** The entries in order, in batches of at most BATCH_ITEMS entries and about BATCH_BYTES of JSON. */
export function batches(list: OutboxEntry[]): OutboxEntry[][] {
  const result: OutboxEntry[][] = [];
  let current: OutboxEntry[] = [];
  let bytes = 0;
  for (const entry of list) {
    const size = new Blob([JSON.stringify(entry.request)]).size + entry.key.length + 40;
    if (current.length > 0 && (current.length === BATCH_ITEMS || bytes + size > BATCH_BYTES)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

/** How a batch went: how many of its entries were sent, and whether the service could be reached at all. */
interface BatchOutcome {
  sent: number;
  reached: boolean;
}

/**
 * Sends a batch of entries. Each item the service created or had already (201, 200) leaves the outbox; each it
 * refused stays, rejected, with its problem. With no answer (offline, 5xx) every entry waits for the next try. A
 * batch refused whole (by a service without batches, say) is sent again one entry at a time.
 */
async function deliverBatch(batch: OutboxEntry[]): Promise<BatchOutcome> {
  let answer;
  try {
    answer = await createItems(batch);
  } catch (e) {
    if (outOfReach(e)) {
      for (const entry of batch) await stillWaiting(entry);
      return { sent: 0, reached: false };
    }
    return deliverEach(batch);
  }
  const results = new Map(answer.results.map((r) => [r.idempotencyKey, r]));
  let sent = 0;
  for (const entry of batch) {
    const result = results.get(entry.key);
    if (result && (result.status === 201 || result.status === 200)) {
      await removeEntry(entry.key);
      sent++;
    } else if (result && result.status >= 400 && result.status < 500 && result.status !== 429) {
      const { problem: answered, status } = result;
      const problem: Problem = answered
        ? { ...answered, detail: answered.detail ?? undefined }
        : { title: `HTTP ${status}`, status };
      await updateEntry(entry.key, (current) => ({ ...current, state: 'rejected', problem }));
    } else {
      await stillWaiting(entry);
    }
  }
  return { sent, reached: true };
}

/** Sends entries one at a time, as saving does, stopping at the first that cannot reach the service. */
async function deliverEach(list: OutboxEntry[]): Promise<BatchOutcome> {
  let sent = 0;
  for (const entry of list) {
    const result = await deliver(entry, false, false);
    if (result.outcome === 'waiting') return { sent, reached: false };
    if (result.outcome === 'sent') sent++;
  }
  return { sent, reached: true };
}

async function sendWaitingNow(username: string): Promise<number> {
  await discardAndReport(username);
  let sent = 0;
  for (const batch of batches((await entries(username)).filter((e) => e.state === 'waiting'))) {
    const result = await deliverBatch(batch);
    sent += result.sent;
    if (!result.reached) break; // still out of reach: try again later
  }
  return sent;
}

/**
 * Sends the person's waiting entries, oldest first, in batches, stopping at the first batch that cannot reach the
 * service. One sender at a time across this device's tabs (Web Locks), one at a time within a tab. Returns how many
 * were sent.
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
