// Downtime form packs and the sheets in them: a lead makes a pack for a ward and prints it; after the outage, each
// sheet issued for it is accounted for (complete with its count of entries, returned unused, missing, voided).

import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { type ApiPath, apiPath, download, get, post } from '../../lib/api/client';
import type { FormPack, FormPackCreateRequest, Sheet, SheetReconciliation } from '../../lib/api/types';

export function createPack(request: FormPackCreateRequest): Promise<FormPack> {
  return post<FormPack>(apiPath('/api/form-packs'), request);
}

export function packPdf(id: number): Promise<Blob> {
  return download(apiPath('/api/form-packs/{id}/pdf', { id }), 'application/pdf');
}

export function useCreatePack() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createPack,
    onSuccess: () => client.invalidateQueries({ queryKey: ['sheets'] }),
  });
}

export function sheetsQuery(outageId: number) {
  return queryOptions({
    queryKey: ['sheets', outageId],
    queryFn: () => get<SheetReconciliation>(apiPath('/api/outages/{outageId}/sheets', { outageId })),
  });
}

/** What can happen to a sheet, and what each needs: a count of entries, or a reason. */
export const SHEET_ACTIONS = ['complete', 'returnUnused', 'missing', 'void', 'found'] as const;
export type SheetAction = (typeof SHEET_ACTIONS)[number];

const ACTION_PATHS: Record<SheetAction, ApiPath> = {
  complete: '/api/sheets/{sheetId}/complete',
  returnUnused: '/api/sheets/{sheetId}/return-unused',
  missing: '/api/sheets/{sheetId}/missing',
  void: '/api/sheets/{sheetId}/void',
  found: '/api/sheets/{sheetId}/found',
};

export interface SheetChange {
  sheetId: string;
  action: SheetAction;
  declaredEntries?: number;
  reason?: string;
}

export function changeSheet({ sheetId, action, declaredEntries, reason }: SheetChange): Promise<Sheet> {
  const body = action === 'complete' ? { declaredEntries } : action === 'missing' || action === 'void' ? { reason } : {};
  return post<Sheet>(apiPath(ACTION_PATHS[action], { sheetId }), body);
}

export function useChangeSheet() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: changeSheet,
    onSuccess: () => client.invalidateQueries({ queryKey: ['sheets'] }),
  });
}
