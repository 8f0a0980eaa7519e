// Downtime form packs and the sheets in them: a lead makes a pack for a ward and prints it; after the outage, each
// sheet issued for it is accounted for (complete with its count of entries, returned unused, missing, voided).

import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { type ApiPath, apiPath, download, get, post } from '../../lib/api/client';
import type { FormPack, FormPackCreateRequest } from '../../lib/api/types';

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

export const SHEET_STATUSES = ['ISSUED', 'IN_USE', 'COMPLETE', 'RETURNED_UNUSED', 'MISSING', 'VOIDED'] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];

/** A sheet as the service answers it, with where it is in its life. */
export interface Sheet {
  sheetId: string;
  site: string;
  ward: string;
  kind: string;
  status: SheetStatus;
  declaredEntries: number | null;
  loggedEntries: number;
  reason: string | null;
  outageId?: number | null;
  version: number;
}

/** Sheets by status: `issued` counts those still ISSUED. */
export interface SheetCounts {
  issued: number;
  inUse: number;
  complete: number;
  returnedUnused: number;
  missing: number;
  voided: number;
}

export interface SheetReconciliation {
  outageId: number;
  totals: SheetCounts;
  wards: (SheetCounts & { ward: string; sheets: Sheet[] })[];
  mismatches: { sheetId: string; ward: string; declaredEntries: number; loggedEntries: number }[];
  unknownSheets: { sheetId: string; items: number }[];
  accountedFor: boolean;
}

export function sheetsQuery(outageId: number) {
  return queryOptions({
    queryKey: ['sheets', outageId],
    queryFn: () => get<SheetReconciliation>(apiPath('/api/outages/{outageId}/sheets' as ApiPath, { outageId })),
  });
}

/** What can happen to a sheet, and what each needs: a count of entries, or a reason. */
export const SHEET_ACTIONS = ['complete', 'returnUnused', 'missing', 'void', 'found'] as const;
export type SheetAction = (typeof SHEET_ACTIONS)[number];

const ACTION_PATHS: Record<SheetAction, string> = {
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
  return post<Sheet>(apiPath(ACTION_PATHS[action] as ApiPath, { sheetId }), body);
}

export function useChangeSheet() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: changeSheet,
    onSuccess: () => client.invalidateQueries({ queryKey: ['sheets'] }),
  });
}
