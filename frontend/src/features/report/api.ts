// An outage's recovery report: read it, download it as a PDF, and (team leads) sign the outage off.

import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPath, download, get, post } from '../../lib/api/client';
import type { RecoveryReport, SignOff, SignOffRequest } from '../../lib/api/types';

export function reportQuery(id: number) {
  return queryOptions({
    queryKey: ['outages', id, 'report'],
    queryFn: () => get<RecoveryReport>(apiPath('/api/outages/{id}/report', { id })),
  });
}

export function downloadReportPdf(id: number): Promise<Blob> {
  return download(apiPath('/api/outages/{id}/report.pdf', { id }), 'application/pdf');
}

export function signOff(id: number, request: SignOffRequest): Promise<SignOff> {
  return post<SignOff>(apiPath('/api/outages/{id}/sign-off', { id }), request);
}

/** Signing off changes the report (and the outage's page): both are read again. */
export function useSignOff(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: SignOffRequest) => signOff(id, request),
    onSuccess: () => client.invalidateQueries({ queryKey: ['outages', id] }),
  });
}
