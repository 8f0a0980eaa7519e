// Importing a spreadsheet of paper records (CSV) into an outage, for team leads: the file goes up in parts, the lead
// maps its columns to an item's fields and previews the first rows, then the service imports it in the background
// while the page follows its progress. The refused rows come back as a CSV file with the reason for each.

import { type QueryKey, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiPath, call, download, get, post } from '../../lib/api/client';
import { ApiError } from '../../lib/api/problem';
import type { ImportMapping, ImportPreview, ImportResponse, ImportStatus, SavedMapping } from '../../lib/api/types';

/** The largest file the service takes (50 MiB). */
export const MAX_FILE_BYTES = 52_428_800;
const MAX_NAME = 200;
/** A part that did not arrive (no connection, the service busy) is sent again, up to this many tries in all. */
const PART_TRIES = 4;

/** An import the service is working on: its page asks again every second. */
export function isRunning(status: ImportStatus | undefined): boolean {
  return status === 'QUEUED' || status === 'RUNNING';
}

export function importQuery(id: number) {
  return queryOptions({
    queryKey: ['imports', id],
    queryFn: () => get<ImportResponse>(apiPath('/api/imports/{id}', { id })),
    refetchInterval: (query) => (isRunning(query.state.data?.status) ? 1000 : false),
  });
}

/** One import, followed while the service works on it; once it is done, the backlog and the outage's figures are read again. */
export function useImport(id: number) {
  const client = useQueryClient();
  const query = useQuery(importQuery(id));
  const done = query.data?.status === 'DONE';
  useEffect(() => {
    if (!done) return;
    void client.invalidateQueries({ queryKey: ['items'] });
    void client.invalidateQueries({ queryKey: ['outages'] });
    void client.invalidateQueries({ queryKey: ['imports', 'outage'] });
  }, [done, client]);
  return query;
}

/** The outage's imports, newest first. */
export function importsQuery(outageId: number) {
  return queryOptions({
    queryKey: ['imports', 'outage', outageId],
    queryFn: () => get<ImportResponse[]>(apiPath('/api/imports', {}, { outageId })),
  });
}

export const savedMappingsQuery = queryOptions({
  queryKey: ['import-mappings'],
  queryFn: () => get<SavedMapping[]>(apiPath('/api/import-mappings')),
});

function retryable(error: unknown): boolean {
  return error instanceof ApiError && (error.offline || error.status === 408 || error.status === 429 || error.status >= 500);
}

/** One slice of the file; sending a part again is harmless, so one that did not arrive is tried again. */
async function sendPart(id: number, part: number, bytes: Blob): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await call(apiPath('/api/imports/{id}/parts/{part}', { id, part }), { method: 'PUT', body: bytes, timeoutMs: 60000 });
      return;
    } catch (error) {
      if (attempt >= PART_TRIES || !retryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

/**
 * Sends a CSV file for an import into the outage: announced, sent in parts of the size the service asks for (the
 * bytes sent so far reported after each), then completed, when the service reads its columns and counts its rows.
 */
export async function uploadFile(outageId: number, file: File, onProgress: (sent: number) => void): Promise<ImportResponse> {
  const created = await post<ImportResponse>(apiPath('/api/imports'), {
    outageId, fileName: file.name.slice(0, MAX_NAME), size: file.size,
  });
  if (!(created.partSize > 0)) throw new Error(`part size ${created.partSize}`);
  for (let part = 0, from = 0; from < file.size; part++, from += created.partSize) {
    const to = Math.min(from + created.partSize, file.size);
    await sendPart(created.id, part, file.slice(from, to));
    onProgress(to);
  }
  return (await call<ImportResponse>(apiPath('/api/imports/{id}/complete', { id: created.id }), {
    method: 'POST', timeoutMs: 120000,
  })).data;
}

export function previewImport(id: number, mapping: ImportMapping, rows = 20): Promise<ImportPreview> {
  return post<ImportPreview>(apiPath('/api/imports/{id}/preview', { id }), { mapping, rows });
}

/** Starts the import in the background; `saveAs` also keeps the mapping under that name for the next file. */
export function startImport(id: number, mapping: ImportMapping, saveAs: string | null): Promise<ImportResponse> {
  return post<ImportResponse>(apiPath('/api/imports/{id}/start', { id }), { mapping, saveAs });
}

export async function discardImport(id: number): Promise<void> {
  await call(apiPath('/api/imports/{id}', { id }), { method: 'DELETE' });
}

/** The rows the import refused: the file's own columns, with each row's number and the reason. */
export function downloadRefused(id: number): Promise<Blob> {
  return download(apiPath('/api/imports/{id}/refused.csv', { id }), 'text/csv');
}

/** An import's answer is shown at once; the outage's list of imports, and whatever else it changed, catch up. */
function useImportChange<A>(change: (argument: A) => Promise<ImportResponse>, alsoChanged: QueryKey[] = []) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (answer) => {
      client.setQueryData(['imports', answer.id], answer);
      for (const queryKey of [['imports', 'outage', answer.outageId], ...alsoChanged]) {
        void client.invalidateQueries({ queryKey });
      }
    },
  });
}

export function useUpload(outageId: number, onProgress: (sent: number) => void) {
  return useImportChange((file: File) => uploadFile(outageId, file, onProgress));
}

/** Starting may save the mapping under a name too. */
export function useStartImport(id: number) {
  return useImportChange((a: { mapping: ImportMapping; saveAs: string | null }) => startImport(id, a.mapping, a.saveAs),
    [savedMappingsQuery.queryKey]);
}

export function usePreview(id: number) {
  return useMutation({ mutationFn: (mapping: ImportMapping) => previewImport(id, mapping) });
}

export function useDiscardImport(outageId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: discardImport,
    onSuccess: (_, id) => {
      client.removeQueries({ queryKey: ['imports', id] });
      void client.invalidateQueries({ queryKey: ['imports', 'outage', outageId] });
    },
  });
}
