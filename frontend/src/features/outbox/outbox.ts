// The outbox: items captured on this device and not yet confirmed by the service, kept in IndexedDB so they
// survive a reload or a restart. Each keeps the Idempotency-Key made when it was captured, so sending it again
// can never create a second item. An entry leaves only when the service has confirmed it, or when the person
// deletes it.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Problem } from '../../lib/api/problem';
import type { ItemCreateRequest } from '../../lib/api/types';

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

interface OutboxSchema extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { byUser: string } };
}

const CHANGED = 'backlog-outbox-changed';
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

export async function addEntry(username: string, key: string, request: ItemCreateRequest): Promise<OutboxEntry> {
  const entry: OutboxEntry = {
    key, username, capturedAt: new Date().toISOString(), order: Date.now() * 1000 + (captured++ % 1000), request, state: 'waiting', attempts: 0, problem: null,
  };
  await (await db()).put('outbox', entry);
  changed();
  return entry;
}

/** The person's entries, oldest capture first. */
export async function entries(username: string): Promise<OutboxEntry[]> {
  const all = await (await db()).getAllFromIndex('outbox', 'byUser', username);
  return all.sort((a, b) => a.order - b.order);
}

export async function removeEntry(key: string): Promise<void> {
  await (await db()).delete('outbox', key);
  changed();
}

/** Changes an entry if it is still there (another tab may have sent it meanwhile). */
export async function updateEntry(key: string, change: (entry: OutboxEntry) => OutboxEntry): Promise<void> {
  const tx = (await db()).transaction('outbox', 'readwrite');
  const entry = await tx.store.get(key);
  if (entry) await tx.store.put(change(entry));
  await tx.done;
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
