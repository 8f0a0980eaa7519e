import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeService, json } from '../../../test/fakeService';
import type { Sheet, SheetReconciliation } from '../../../lib/api/types';
import SheetsPage from './SheetsPage';

const sheet = (sheetId: string, status: Sheet['status'], fields: Partial<Sheet> = {}): Sheet => ({
  sheetId, site: 'RXH', ward: 'Ward 7', kind: 'OBSERVATIONS_CHART', status, packId: 1, number: 1, outageId: 4,
  issuedBy: 'lead1', issuedAt: '2026-11-24T06:00:00Z', declaredEntries: null, loggedEntries: 0, mismatch: false,
  reason: null, version: 0, ...fields,
});

function reconciliation(sheets: Sheet[], mismatches: SheetReconciliation['mismatches'] = []): SheetReconciliation {
  const count = (s: Sheet['status']) => sheets.filter((x) => x.status === s).length;
  const counts = {
    issued: count('ISSUED'), inUse: count('IN_USE'), complete: count('COMPLETE'), returnedUnused: count('RETURNED_UNUSED'),
    missing: count('MISSING'), voided: count('VOIDED'),
  };
  return {
    outageId: 4, totals: counts, wards: [{ ward: 'Ward 7', ...counts, sheets }], mismatches,
    unknownSheets: [{ sheetId: 'S-RXH-00000Z1-Q', items: 2, itemIds: [8, 9] }], accountedFor: false,
  };
}

function show() {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={['/outages/4/sheets']}>
        <Routes><Route path="/outages/:id/sheets" element={<SheetsPage />} /></Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('sheets page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the counts, the unknown sheets, and marks a sheet complete with its count, showing the mismatch', async () => {
    let sheets = [sheet('S-RXH-0000081-X', 'IN_USE', { loggedEntries: 1 }), sheet('S-RXH-0000082-V', 'ISSUED')];
    let mismatches: SheetReconciliation['mismatches'] = [];
    const service = fakeService((url, init) => {
      if (url === '/api/outages/4/sheets') return json(200, reconciliation(sheets, mismatches));
      if (url === '/api/sheets/S-RXH-0000081-X/complete' && init.method === 'POST') {
        const { declaredEntries } = JSON.parse(String(init.body)) as { declaredEntries: number };
        sheets = [sheet('S-RXH-0000081-X', 'COMPLETE', { loggedEntries: 1, declaredEntries, mismatch: true }), sheets[1]!];
        mismatches = [{ sheetId: 'S-RXH-0000081-X', ward: 'Ward 7', declaredEntries, loggedEntries: 1 }];
        return json(200, sheets[0]);
      }
      return json(200, []);
    });
    const user = show();
    await screen.findByRole('heading', { name: 'Paper sheets of 4' });
    expect(screen.getByText('Not every sheet is accounted for yet.')).toBeInTheDocument();
    expect(screen.getByText('S-RXH-00000Z1-Q: 2 items')).toBeInTheDocument();
    expect(screen.getByText('No sheet’s declared count differs from what was logged.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Update S-RXH-0000081-X' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByLabelText(/^Entries on the paper/)).toHaveAttribute('aria-invalid', 'true');
    await user.type(within(dialog).getByLabelText(/^Entries on the paper/), '5');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Sheet S-RXH-0000081-X: Complete.')).toBeInTheDocument();
    expect(await screen.findByText('S-RXH-0000081-X (Ward 7): 5 entries declared on the paper, 1 logged.')).toBeInTheDocument();
    const sent = service.calls.find((c) => c.url === '/api/sheets/S-RXH-0000081-X/complete');
    expect(JSON.parse(String(sent?.init.body))).toEqual({ declaredEntries: 5 });
  });

  it('asks why a sheet is missing, and shows the service refusing a move its state does not allow', async () => {
    const service = fakeService((url) => {
      if (url === '/api/outages/4/sheets') return json(200, reconciliation([sheet('S-RXH-0000082-V', 'VOIDED')]));
      if (url.endsWith('/missing')) return json(409, { title: 'Conflict', status: 409, detail: 'A voided sheet cannot go missing.' });
      return json(200, []);
    });
    const user = show();
    await user.click(await screen.findByRole('button', { name: 'Update S-RXH-0000082-V' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByLabelText('Missing'));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByLabelText(/^Reason/)).toHaveAccessibleDescription(/Enter this: it is required/);
    expect(service.calls.some((c) => c.url.endsWith('/missing'))).toBe(false);
    await user.type(within(dialog).getByLabelText(/^Reason/), 'Not in the ward box');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('A voided sheet cannot go missing.')).toBeInTheDocument();
    const sent = service.calls.find((c) => c.url.endsWith('/missing'));
    expect(JSON.parse(String(sent?.init.body))).toEqual({ reason: 'Not in the ward box' });
  });
});
