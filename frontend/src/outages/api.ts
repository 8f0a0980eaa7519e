import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import type { Outage } from '../api/types';

const CACHE_KEY = 'backlog.outages';

function cached(): Outage[] | undefined {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    return raw ? (JSON.parse(raw) as Outage[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Outages at the person's sites. The last list is kept on the device (titles, sites and systems: no patient data)
 * so a form can still be filled in when the app starts without a connection.
 */
export function useOutages() {
  return useQuery({
    queryKey: ['outages'],
    queryFn: async () => {
      const outages = await get<Outage[]>('/api/outages');
      localStorage.setItem(CACHE_KEY, JSON.stringify(outages));
      return outages;
    },
    initialData: cached,
    initialDataUpdatedAt: 0,
  });
}

export function forgetOutages(): void {
  localStorage.removeItem(CACHE_KEY);
}

export function useOutage(id: number) {
  return useQuery({ queryKey: ['outages', id], queryFn: () => get<Outage>(`/api/outages/${id}`) });
}
