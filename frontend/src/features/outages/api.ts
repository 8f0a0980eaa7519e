// What team leads do with an outage: start one, read it and its summary, record a system's recovery, close it.

import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPath, get, post } from '../../lib/api/client';
import type { Outage, OutageCreateRequest, OutageSummary } from '../../lib/api/types';

export function outageQuery(id: number) {
  return queryOptions({ queryKey: ['outages', id], queryFn: () => get<Outage>(apiPath('/api/outages/{id}', { id })) });
}

export function outageSummaryQuery(id: number) {
  return queryOptions({
    queryKey: ['outages', id, 'summary'],
    queryFn: () => get<OutageSummary>(apiPath('/api/outages/{id}/summary', { id })),
    refetchInterval: 60_000,
  });
}

export function createOutage(request: OutageCreateRequest): Promise<Outage> {
  return post<Outage>(apiPath('/api/outages'), request);
}

export function recoverSystem(id: number, system: string): Promise<Outage> {
  return post<Outage>(apiPath('/api/outages/{id}/systems/{system}/recovered', { id, system }), {
    recoveredAt: new Date().toISOString(),
  });
}

export function closeOutage(id: number): Promise<Outage> {
  return post<Outage>(apiPath('/api/outages/{id}/close', { id }), {});
}

/** Every change to an outage shows in the lists and summaries that name it. */
function useOutageMutation<A>(change: (argument: A) => Promise<Outage>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () => client.invalidateQueries({ queryKey: ['outages'] }),
  });
}

export function useCreateOutage() {
  return useOutageMutation(createOutage);
}

export function useRecoverSystem(id: number) {
  return useOutageMutation((system: string) => recoverSystem(id, system));
}

export function useCloseOutage(id: number) {
  return useOutageMutation(() => closeOutage(id));
}
