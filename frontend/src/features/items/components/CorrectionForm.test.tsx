import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Item } from '../../../lib/api/types';
import { fakeService, json, type Handler } from '../../../test/fakeService';
import { CorrectionForm } from './CorrectionForm';

const item: Item = {
  id: 7, reference: 'ITM-000007', outageId: 3, site: 'RXH', ward: 'Ward 3', category: 'OBSERVATIONS',
  targetSystem: 'EPR', patient: { nhsNumber: '9434765919', localId: null, name: null, dateOfBirth: null },
  occurredAt: '2026-11-24T08:00:00Z', recordedBy: 'Nurse Jones', paperReference: 'B-12', summary: 'obs',
  details: null, highRisk: false, patientStatus: 'INPATIENT', status: 'READY', loggedAt: '2026-11-24T09:00:00Z',
  loggedBy: 'clerk1', updatedAt: '2026-11-24T09:00:00Z', version: 3,
  priority: { band: 'P3', score: 30, reasons: 'observations; inpatient', overridden: false, overrideReason: null },
  needsVerification: false, closed: false, assignedTo: null, possibleDuplicates: [], warnings: [],
};

function setup(handler: Handler) {
  const service = fakeService(handler);
  const onProblem = vi.fn();
  const onSaved = vi.fn();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <CorrectionForm item={item} onProblem={onProblem} onSaved={onSaved} onCancel={() => undefined} />
    </QueryClientProvider>,
  );
  const patches = () => service.calls.filter((c) => c.init.method === 'PATCH');
  return { patches, onProblem, onSaved, user: userEvent.setup() };
}

describe('correction form', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends only the fields that changed, and why, against the version it started from', async () => {
    const { patches, onSaved, user } = setup(() => json(200, { ...item, ward: 'Ward 4', version: 4 }));
    await user.clear(screen.getByLabelText(/^Ward/));
    await user.type(screen.getByLabelText(/^Ward/), 'Ward 4');
    await user.type(screen.getByLabelText(/^Why/), 'wrong ward on the sheet');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    const [patch] = patches();
    expect(patch?.url).toBe('/api/items/7');
    expect(JSON.parse(String(patch?.init.body))).toEqual({ ward: 'Ward 4', reason: 'wrong ward on the sheet' });
    expect((patch?.init.headers as Record<string, string>)['If-Match']).toBe('"3"');
  });

  it('clears an emptied optional field and sends the patient as a whole', async () => {
    const { patches, onSaved, user } = setup(() => json(200, item));
    await user.clear(screen.getByLabelText(/^Paper batch/));
    await user.type(screen.getByLabelText(/^Patient name/), 'Ann Jones');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(JSON.parse(String(patches()[0]?.init.body))).toEqual({
      paperReference: '',
      patient: { nhsNumber: '9434765919', localId: null, name: 'Ann Jones', dateOfBirth: null },
    });
  });

  it('checks the same rules as capture, limits included, before sending anything', async () => {
    const { patches, onProblem, user } = setup(() => json(200, item));
    expect(screen.getByLabelText(/^What was done/)).toHaveAttribute('maxLength', '500');
    await user.clear(screen.getByLabelText(/^Ward/));
    await user.clear(screen.getByLabelText(/^NHS number/));
    await user.type(screen.getByLabelText(/^NHS number/), '9434765918');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(screen.getByLabelText(/^Ward/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^NHS number/)).toHaveAccessibleDescription(/This NHS number is not valid/);
    await waitFor(() => expect(screen.getByLabelText(/^Ward/)).toHaveFocus());
    expect(onProblem).toHaveBeenCalledWith(expect.objectContaining({ title: 'Some answers need checking. They are marked below.' }));
    expect(patches()).toHaveLength(0);
  });

  it('names what someone else changed meanwhile, and reloads their version', async () => {
    const theirs: Item = { ...item, summary: 'obs corrected', version: 4 };
    const { patches, onSaved, user } = setup((url, init) => {
      if (init.method === 'PATCH') {
        return (init.headers as Record<string, string>)['If-Match'] === '"3"'
          ? json(412, { title: 'Precondition Failed', status: 412 })
          : json(200, theirs);
      }
      return url === '/api/items/7' ? json(200, theirs) : json(404, { title: 'Not Found', status: 404 });
    });
    await user.clear(screen.getByLabelText(/^Ward/));
    await user.type(screen.getByLabelText(/^Ward/), 'Ward 4');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const conflict = await screen.findByRole('alert');
    expect(conflict).toHaveTextContent('Someone changed this item while you were editing.');
    expect(conflict).toHaveTextContent('What was done');
    expect(onSaved).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: /Reload their version/ }));
    expect(screen.getByLabelText(/^What was done/)).toHaveValue('obs corrected');
    expect(screen.getByLabelText(/^Ward/)).toHaveValue('Ward 3');

    await user.type(screen.getByLabelText(/^Ward/), 'A');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect((patches()[1]?.init.headers as Record<string, string>)['If-Match']).toBe('"4"');
    expect(JSON.parse(String(patches()[1]?.init.body))).toEqual({ ward: 'Ward 3A' });
  });
});
