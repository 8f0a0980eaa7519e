import { call, get } from '../api/client';
import type { AuditEvent, Item } from '../api/types';

/** The item and the ETag to send back with a change. */
export async function loadItem(id: number): Promise<Item> {
  return (await call<Item>(`/api/items/${id}`)).data;
}

export function ifMatch(version: number): Record<string, string> {
  return { 'If-Match': `"${version}"` };
}

export function history(id: number): Promise<AuditEvent[]> {
  return get<AuditEvent[]>(`/api/items/${id}/history`);
}

export interface TransitionBody {
  to: string;
  reason?: string | null;
  externalReference?: string | null;
  duplicateOf?: number | null;
}

export async function transition(id: number, version: number, body: TransitionBody): Promise<Item> {
  return (await call<Item>(`/api/items/${id}/transitions`, { method: 'POST', body, headers: ifMatch(version) })).data;
}

export async function patchItem(id: number, version: number, body: Record<string, unknown>): Promise<Item> {
  return (await call<Item>(`/api/items/${id}`, { method: 'PATCH', body, headers: ifMatch(version) })).data;
}
