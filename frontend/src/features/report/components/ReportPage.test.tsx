import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me, RecoveryReport } from '../../../lib/api/types';
import { fakeService, json, type Handler } from '../../../test/fakeService';
import ReportPage from './ReportPage';

const lead: Me = { username: 'lead1', displayName: 'Lead One', roles: ['TEAM_LEAD'], sites: ['RXH'], targetSystems: ['EPR'] };

const report: RecoveryReport = {
  outage: { id: 3, reference: 'OUT-0003', title: 'EPR down', sites: ['RXH'], status: 'CLOSED',
    startedAt: '2026-11-24T08:00:00Z', closedAt: '2026-11-24T20:00:00Z' },
  generatedAt: '2026-11-25T08:00:00Z',
  timeline: [{ at: '2026-11-24T08:00:00Z', event: 'STARTED', system: null },
    { at: '2026-11-24T12:00:00Z', event: 'RECOVERED', system: 'EPR' }],
  counts: { total: 3, open: 1, closed: 2, byStatus: { READY: 1, NOT_REQUIRED: 2 }, byCategory: { OBSERVATIONS: 3 },
    byWard: { 'Ward 3': 3 }, bySystem: { EPR: 3 } },
  throughput: { hours: [{ hour: '2026-11-24T12:00:00Z', logged: 0, entered: 0, closed: 2 }],
    firstRecoveryAt: '2026-11-24T12:00:00Z', lastClosedAt: '2026-11-24T12:30:00Z', timeToClearMinutes: null, cleared: false },
  dueTimes: { outageId: 3, at: '2026-11-25T08:00:00Z', bands: [
    { band: 'P1', due: 0, met: 0, breached: 0, breachedOpen: 0 }, { band: 'P2', due: 0, met: 0, breached: 0, breachedOpen: 0 },
    { band: 'P3', due: 3, met: 2, breached: 1, breachedOpen: 1 }, { band: 'P4', due: 0, met: 0, breached: 0, breachedOpen: 0 }] },
  sheets: { outageId: 3, totals: { issued: 0, inUse: 1, complete: 0, returnedUnused: 0, missing: 0, voided: 0 },
    wards: [], mismatches: [], unknownSheets: [], accountedFor: false },
  exceptions: { notRequired: [{ reason: 'Monitor data replayed', count: 2 }], duplicates: [], unresolvedDuplicatePairs: 0,
    everHeld: 0, onHold: [],
    open: [{ ref: 'ITM-000009', id: 9, status: 'READY', ward: 'Ward 3', targetSystem: 'EPR', priorityBand: 3, statusReason: null }],
    sheets: [{ ref: 'S-RXH-0000081-X', kind: 'SHEET_OUT', ward: 'Ward 3', detail: 'IN_USE, 1 entries logged from it' }] },
  fourEyes: { verified: 0, distinctVerifiers: 0, distinctEnterers: 0, awaitingVerification: 0, verifiedByEnterer: 0,
    selfVerificationRefused: 0 },
  signOff: null,
  retention: { purgeFrom: null, purgedItems: 0 },
};

function setup(handler: Handler) {
  const service = fakeService(handler);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/outages/3/report']}>
        <Routes><Route path="/outages/:id/report" element={<ReportPage me={lead} />} /></Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  const signOffs = () => service.calls.filter((c) => c.url === '/api/outages/3/sign-off');
  return { signOffs, user: userEvent.setup() };
}

describe('recovery report page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks a reason for each open item and each sheet, and shows the service’s refusal beside the field', async () => {
    let attempt = 0;
    const { signOffs, user } = setup((url) => {
      if (url === '/api/outages/3/report') return json(200, report);
      attempt += 1;
      return attempt === 1
        ? json(422, { title: 'Unprocessable request', status: 422, detail: 'exceptions[1].reason: is required',
          violations: [{ field: 'exceptions[1].reason', message: 'is required' }] })
        : json(201, { signedBy: 'lead1', signedByName: 'Lead One', signedAt: '2026-11-25T08:00:00Z', statement: null,
          exceptions: [], changedAfterSignOff: [] });
    });
    await screen.findByRole('heading', { name: 'Recovery report OUT-0003' });
    expect(screen.getByText('2 × Monitor data replayed')).toBeInTheDocument();
    expect(screen.getByText(/S-RXH-0000081-X: not come back/)).toBeInTheDocument();
    const p3 = screen.getByRole('rowheader', { name: 'P3' }).closest('tr')!;
    expect(within(p3).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['3', '2', '1', '1']);

    await user.type(screen.getByLabelText(/^Reason for ITM-000009/), 'Ward query');
    await user.click(screen.getByRole('button', { name: 'Sign off' }));
    await waitFor(() => expect(screen.getByLabelText(/^Reason for S-RXH-0000081-X/)).toHaveAttribute('aria-invalid', 'true'));
    expect(JSON.parse(String(signOffs()[0]?.init.body))).toEqual({
      statement: null,
      exceptions: [{ ref: 'ITM-000009', reason: 'Ward query' }, { ref: 'S-RXH-0000081-X', reason: '' }],
    });

    await user.type(screen.getByLabelText(/^Reason for S-RXH-0000081-X/), 'Still on the ward');
    await user.click(screen.getByRole('button', { name: 'Sign off' }));
    await waitFor(() => expect(signOffs()).toHaveLength(2));
    expect(JSON.parse(String(signOffs()[1]?.init.body)).exceptions[1]).toEqual({ ref: 'S-RXH-0000081-X', reason: 'Still on the ward' });
  });
});
