// The outages at the person's sites: capture files items under one, the backlog and duplicates filter by one, team
// leads run them. Shared here because several features list them; what only team leads do with an outage is in
// features/outages/api.ts.

import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPath, get } from './client';
import type { Outage } from './types';

const CACHE_KEY = 'backlog.outages';

function cached(): Outage[] | undefined {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    return raw ? (JSON.parse(raw) as Outage[]) : undefined;
  } catch {
    return undefined;
  }
}

export async function listOutages(): Promise<Outage[]> {
  const outages = await get<Outage[]>(apiPath('/api/outages'));
  localStorage.setItem(CACHE_KEY, JSON.stringify(outages));
  return outages;
}

/**
 * Outages at the person's sites. The last list is kept on the device (titles, sites and systems: no patient data)
 * so a form can still be filled in when the app starts without a connection.
 */
export const outagesQuery = queryOptions({
  queryKey: ['outages'],
  queryFn: listOutages,
  initialData: cached,
  initialDataUpdatedAt: 0,
});

export function useOutages() {
  return useQuery(outagesQuery);
}

export function forgetOutages(): void {
  localStorage.removeItem(CACHE_KEY);
}
