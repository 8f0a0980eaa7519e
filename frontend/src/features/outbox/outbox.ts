// The outbox: items captured on this device and not yet confirmed by the service, kept in IndexedDB so they
// survive a reload or a restart. Each keeps the Idempotency-Key made when it was captured, so sending it again
// can never create a second item. An entry leaves only when the service has confirmed it, when the person
// deletes it, or when it has waited too long (then a record of the discard, counts only, goes to the service).
//
// What is stored is sealed (AES-GCM, lib/device) with the key of the person who captured it, held in memory only
// while the device is unlocked for them: a lost phone's IndexedDB shows who captured what and when, never about
// whom or what. In the clear stay only the entry's key, its owner's username, its capture time and order, its state
// and how often it was tried.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Problem } from '../../lib/api/problem';
import type { ItemCreateRequest } from '../../lib/api/types';
import { OUTBOX_MAX_AGE_MS, OUTBOX_WARN_AGE_MS } from '../../lib/device/config';
import { open as unseal, seal, type Sealed } from '../../lib/device/secrets';
import { deviceKey } from '../../lib/device/vault';

export interface OutboxEntry {
  /** The Idempotency-Key, made at capture. */
  key: string;
  /** Who captured it: only they send it (keys belong to their user on the service). */
  username: string;
  capturedAt: string;
  /** Capture order on this device (capture times can tie). */
  order: number;
  request: ItemCreateRequest;
  /** waiting: to be sent when the service can be reached; rejected: the service refused it (see problem). */
  state: 'waiting' | 'rejected';
  attempts: number;
  problem: Problem | null;
}

/** What IndexedDB holds: the entry's patient and clinical content sealed. */
interface StoredEntry {
  key: string;
  username: string;
  capturedAt: string;
  order: number;
  state: 'waiting' | 'rejected';
  attempts: number;
  sealed: Sealed;
}

/** The sealed part. */
interface Content {
  request: ItemCreateRequest;
  problem: Problem | null;
}

/** An entry written by an earlier version of the app, before the outbox was sealed. */
type LegacyEntry = Omit<StoredEntry, 'sealed'> & Content;

interface OutboxSchema extends DBSchema {
  outbox: { key: string; value: StoredEntry | LegacyEntry; indexes: { byUser: string } };
}

/** A discard of unsent entries for age, waiting to be reported to the service by their owner. */
export interface Discard {
  username: string;
  count: number;
  oldestCapturedAt: string;
  newestCapturedAt: string;
  discardedAt: string;
}

const CHANGED = 'backlog-outbox-changed';
const DISCARDS_KEY = 'backlog.outbox.discards';
let captured = 0;
let database: Promise<IDBPDatabase<OutboxSchema>> | null = null;
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANGED);
const listeners = new Set<() => void>();

function db(): Promise<IDBPDatabase<OutboxSchema>> {
  database ??= openDB<OutboxSchema>('downtime-backlog', 1, {
    upgrade(d) {
      d.createObjectStore('outbox', { keyPath: 'key' }).createIndex('byUser', 'username');
    },
  });
  return database;
}

function changed() {
  listeners.forEach((l) => l());
  channel?.postMessage('changed');
}
channel?.addEventListener('message', () => listeners.forEach((l) => l()));

/** Called whenever the outbox changes, in this tab or another. */
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function newKey(): string {
  return crypto.randomUUID();
}

/** The additional data each entry is sealed with: a sealed payload moved to another entry or person will not open. */
function context(key: string, username: string): string {
  return `${key}\n${username}`;
}

function keyOf(username: string): CryptoKey {
  const key = deviceKey(username);
  if (!key) throw new Error('The device is locked');
  return key;
}

async function stored(entry: OutboxEntry, key: CryptoKey): Promise<StoredEntry> {
  const { request, problem, ...plain } = entry;
  return { ...plain, sealed: await seal(key, { request, problem } satisfies Content, context(entry.key, entry.username)) };
}

/** The entry as the app uses it, or null when it cannot be opened (another person's, or sealed under an old password). */
async function readable(value: StoredEntry | LegacyEntry, key: CryptoKey): Promise<OutboxEntry | null> {
  if (!('sealed' in value)) return value;
  try {
    const content = await unseal<Content>(key, value.sealed, context(value.key, value.username));
    const { sealed: _sealed, ...plain } = value;
    return { ...plain, ...content };
  } catch {
    return null;
  }
}

export async function addEntry(username: string, key: string, request: ItemCreateRequest): Promise<OutboxEntry> {
  const entry: OutboxEntry = {
    key, username, capturedAt: new Date().toISOString(), order: Date.now() * 1000 + (captured++ % 1000), request, state: 'waiting', attempts: 0, problem: null,
  };
  await (await db()).put('outbox', await stored(entry, keyOf(username)));
  changed();
  return entry;
}

/**
 * The person's entries that this device can open for them now, oldest capture first; none while it is locked.
 * Entries an earlier version stored in the clear are sealed on the way.
 */
export async function entries(username: string): Promise<OutboxEntry[]> {
  const key = deviceKey(username);
  if (!key) return [];
  const d = await db();
  const list: OutboxEntry[] = [];
  for (const value of await d.getAllFromIndex('outbox', 'byUser', username)) {
    const entry = await readable(value, key);
    if (!entry) continue;
    if (!('sealed' in value)) await d.put('outbox', await stored(entry, key));
    list.push(entry);
  }
  return list.sort((a, b) => a.order - b.order);
}

/** How many of the person's entries are on the device, whether or not it is unlocked. */
export async function countEntries(username: string): Promise<number> {
  return (await db()).countFromIndex('outbox', 'byUser', username);
}

export async function removeEntry(key: string): Promise<void> {
  await (await db()).delete('outbox', key);
  changed();
}

/** Changes an entry if it is still there (another tab may have sent it meanwhile) and the device is unlocked for its owner. */
export async function updateEntry(key: string, change: (entry: OutboxEntry) => OutboxEntry): Promise<void> {
  const d = await db();
  const value = await d.get('outbox', key);
  if (!value) return;
  const secret = deviceKey(value.username);
  const entry = secret ? await readable(value, secret) : null;
  if (!secret || !entry) return;
  await d.put('outbox', await stored(change(entry), secret));
  changed();
}

export async function removeAll(username: string): Promise<void> {
  const tx = (await db()).transaction('outbox', 'readwrite');
  for (const key of await tx.store.index('byUser').getAllKeys(username)) {
    await tx.store.delete(key);
  }
  await tx.done;
  changed();
}

/** Shown as about to be deleted from this age on. */
export function expiresSoon(entry: Pick<OutboxEntry, 'capturedAt'>, now = Date.now()): boolean {
  return now - Date.parse(entry.capturedAt) >= OUTBOX_WARN_AGE_MS;
}

/**
 * Deletes every entry on the device, whoever captured it, that has waited longer than the limit, and keeps a record
 * of each person's discard (counts and times only) until they report it to the service. Returns the new records.
 */
export async function discardExpired(now = Date.now()): Promise<Discard[]> {
  const tx = (await db()).transaction('outbox', 'readwrite');
  const byUser = new Map<string, string[]>();
  for (const value of await tx.store.getAll()) {
    if (now - Date.parse(value.capturedAt) < OUTBOX_MAX_AGE_MS) continue;
    await tx.store.delete(value.key);
    byUser.set(value.username, [...(byUser.get(value.username) ?? []), value.capturedAt]);
  }
  await tx.done;
  if (byUser.size === 0) return [];
  const discardedAt = new Date(now).toISOString();
  const fresh = [...byUser].map(([username, times]) => {
    const sorted = [...times].sort();
    return { username, count: times.length, oldestCapturedAt: sorted[0]!, newestCapturedAt: sorted[sorted.length - 1]!, discardedAt };
  });
  localStorage.setItem(DISCARDS_KEY, JSON.stringify([...pendingDiscards(), ...fresh]));
  changed();
  return fresh;
}

/** Discards not yet reported to the service. */
export function pendingDiscards(username?: string): Discard[] {
  try {
    const all = JSON.parse(localStorage.getItem(DISCARDS_KEY) ?? '[]') as Discard[];
    return username ? all.filter((d) => d.username === username) : all;
  } catch {
    return [];
  }
}

/** Forgets a discard once the service has recorded it. */
export function discardReported(discard: Discard): void {
  localStorage.setItem(DISCARDS_KEY, JSON.stringify(pendingDiscards().filter((d) =>
    !(d.username === discard.username && d.discardedAt === discard.discardedAt))));
}
