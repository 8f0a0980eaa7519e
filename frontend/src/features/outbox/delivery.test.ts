import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ItemCreateRequest } from '../../lib/api/types';
import { fakeService, json, offline } from '../../test/fakeService';
import { saveCaptured, sendWaiting } from './delivery';
import { rememberSignIn } from '../../lib/device/vault';
import { entries, removeAll } from './outbox';

const request: ItemCreateRequest = {
  outageId: 1, site: 'RXH', ward: 'Ward 7', category: 'OBSERVATIONS', targetSystem: 'EPR',
  patient: { nhsNumber: '9434765919', localId: null, name: null, dateOfBirth: null },
  occurredAt: '2026-11-24T08:00:00.000Z', recordedBy: 'Nurse A', paperReference: null, summary: 'obs',
  details: null, highRisk: false, patientStatus: 'INPATIENT',
};

function created(key: string) {
  return json(201, { id: 7, reference: 'ITM-000007', key });
}

describe('outbox', () => {
  beforeEach(async () => {
    await rememberSignIn('clerk1', 'clerk1-password');
  });

  afterEach(async () => {
    await removeAll('clerk1');
    vi.unstubAllGlobals();
  });

  it('keeps an item captured offline, with its key, and sends it once the service answers', async () => {
    let online = false;
    const service = fakeService((_url, init) => {
      if (!online) offline();
      return created(String((init.headers as Record<string, string>)['Idempotency-Key']));
    });

    const result = await saveCaptured('clerk1', request);
    expect(result.outcome).toBe('waiting');
    const [waiting] = await entries('clerk1');
    expect(waiting?.state).toBe('waiting');
    expect(waiting?.request).toEqual(request);

    online = true;
    expect(await sendWaiting('clerk1')).toBe(1);
    expect(await entries('clerk1')).toHaveLength(0);
    const keys = service.posts().map((c) => (c.init.headers as Record<string, string>)['Idempotency-Key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(waiting?.key);
    expect(keys[1]).toBe(waiting?.key);
  });

  it('sends each waiting item once when several sends start together', async () => {
    let online = false;
    const service = fakeService(async (_url, init) => {
      if (!online) offline();
      await new Promise((r) => setTimeout(r, 5));
      return created(String((init.headers as Record<string, string>)['Idempotency-Key']));
    });
    await saveCaptured('clerk1', request);
    await saveCaptured('clerk1', { ...request, summary: 'second' });
    await saveCaptured('clerk1', { ...request, summary: 'third' });
    const offlineAttempts = service.posts().length;

    online = true;
    const sent = await Promise.all([sendWaiting('clerk1'), sendWaiting('clerk1'), sendWaiting('clerk1')]);
    expect(sent[0]).toBe(3);
    expect(service.posts().length - offlineAttempts).toBe(3);
    const bodies = service.posts().slice(offlineAttempts).map((c) => JSON.parse(String(c.init.body)).summary);
    expect(bodies).toEqual(['obs', 'second', 'third']);
    expect(await entries('clerk1')).toHaveLength(0);
  });

  it('stops at the first item that cannot be sent and keeps the rest in order', async () => {
    let answered = 0;
    fakeService((_url, init) => {
      if (answered >= 1) offline();
      answered++;
      return created(String((init.headers as Record<string, string>)['Idempotency-Key']));
    });
    answered = 5; // everything fails while capturing
    await saveCaptured('clerk1', request);
    await saveCaptured('clerk1', { ...request, summary: 'second' });
    answered = 0; // the connection comes back for one request only
    expect(await sendWaiting('clerk1')).toBe(1);
    const left = await entries('clerk1');
    expect(left.map((e) => e.request.summary)).toEqual(['second']);
    expect(left[0]?.attempts).toBeGreaterThan(0);
  });

  it('keeps an item the service refuses while sending in the background, with the problem', async () => {
    let online = false;
    fakeService(() => {
      if (!online) offline();
      return json(409, { title: 'Conflict', status: 409, detail: 'The outage is closed.' });
    });
    await saveCaptured('clerk1', request);
    online = true;
    expect(await sendWaiting('clerk1')).toBe(0);
    const [entry] = await entries('clerk1');
    expect(entry?.state).toBe('rejected');
    expect(entry?.problem?.detail).toBe('The outage is closed.');
  });

  it('drops a refused item at once when saving in the foreground, so the form shows the problem', async () => {
    fakeService(() => json(422, {
      title: 'Unprocessable Entity', status: 422,
      violations: [{ field: 'patient.nhsNumber', message: 'is not a valid NHS number' }],
    }));
    const result = await saveCaptured('clerk1', request);
    expect(result.outcome).toBe('rejected');
    expect(result.outcome === 'rejected' && result.problem.violations?.[0]?.field).toBe('patient.nhsNumber');
    expect(await entries('clerk1')).toHaveLength(0);
  });

  it('treats an unavailable service (503) as out of reach, not as a refusal', async () => {
    fakeService(() => json(503, { title: 'Service Unavailable', status: 503 }));
    expect((await saveCaptured('clerk1', request)).outcome).toBe('waiting');
    expect((await entries('clerk1'))[0]?.state).toBe('waiting');
  });

  it('keeps entries across a reload (a fresh start of the app), sealed until their owner unlocks', async () => {
    fakeService(() => offline());
    await saveCaptured('clerk1', request);
    vi.resetModules();
    const reloaded = await import('./outbox');
    const vault = await import('../../lib/device/vault');
    expect(await reloaded.entries('clerk1')).toHaveLength(0);
    expect(await reloaded.countEntries('clerk1')).toBe(1);
    expect(await vault.unlockOffline('clerk1', 'clerk1-password')).toBe(true);
    expect(await reloaded.entries('clerk1')).toHaveLength(1);
    expect(await reloaded.entries('someone-else')).toHaveLength(0);
  });
});
