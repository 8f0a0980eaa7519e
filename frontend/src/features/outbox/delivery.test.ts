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

interface SentBatch { items: { idempotencyKey: string; item: ItemCreateRequest }[] }

function sentBatch(init: RequestInit): SentBatch {
  return JSON.parse(String(init.body)) as SentBatch;
}

/** The service's answer to a batch: each item created, or the status given for its summary. */
function answered(init: RequestInit, refused: Record<string, number> = {}) {
  const results = sentBatch(init).items.map((e, i) => {
    const status = refused[e.item.summary] ?? 201;
    return status < 300
      ? { idempotencyKey: e.idempotencyKey, status, item: { id: 100 + i, summary: e.item.summary }, problem: null }
      : {
        idempotencyKey: e.idempotencyKey, status, item: null,
        problem: { type: 'about:blank', title: 'Unprocessable request', status, detail: `refused: ${e.item.summary}`, violations: [] },
      };
  });
  const ok = results.filter((r) => r.status < 300).length;
  return json(200, { created: ok, replayed: 0, refused: results.length - ok, results });
}

function isBatch(url: string): boolean {
  return url === '/api/items/batch';
}

describe('outbox', () => {
  beforeEach(async () => {
    await rememberSignIn('clerk1', 'clerk1-password');
  });

  afterEach(async () => {
    await removeAll('clerk1');
    vi.unstubAllGlobals();
  });

  it('keeps an item captured offline, with its key, and sends it in a batch once the service answers', async () => {
    let online = false;
    const service = fakeService((url, init) => {
      if (!online) offline();
      return isBatch(url) ? answered(init) : created(String((init.headers as Record<string, string>)['Idempotency-Key']));
    });

    const result = await saveCaptured('clerk1', request);
    expect(result.outcome).toBe('waiting');
    const [waiting] = await entries('clerk1');
    expect(waiting?.state).toBe('waiting');
    expect(waiting?.request).toEqual(request);
    expect((service.posts()[0]?.init.headers as Record<string, string>)['Idempotency-Key']).toBe(waiting?.key);

    online = true;
    expect(await sendWaiting('clerk1')).toBe(1);
    expect(await entries('clerk1')).toHaveLength(0);
    expect(service.batches()).toHaveLength(1);
    expect(sentBatch(service.batches()[0]!.init).items).toEqual([{ idempotencyKey: waiting?.key, item: request }]);
  });

  it('keeps the sheet id of an item captured offline, sealed with the rest, and sends it with the item', async () => {
    let online = false;
    const service = fakeService((_url, init) => {
      if (!online) offline();
      return answered(init);
    });
    const fromSheet = { ...request, sheetId: 'S-RXH-0000081-U' };
    expect((await saveCaptured('clerk1', fromSheet)).outcome).toBe('waiting');
    expect((await entries('clerk1'))[0]?.request.sheetId).toBe('S-RXH-0000081-U');
    online = true;
    expect(await sendWaiting('clerk1')).toBe(1);
    expect(sentBatch(service.batches()[0]!.init).items[0]?.item.sheetId).toBe('S-RXH-0000081-U');
  });

  it('sends each waiting item once, in one batch in capture order, when several sends start together', async () => {
    let online = false;
    const service = fakeService(async (url, init) => {
      if (!online) offline();
      await new Promise((r) => setTimeout(r, 5));
      return isBatch(url) ? answered(init) : created('');
    });
    await saveCaptured('clerk1', request);
    await saveCaptured('clerk1', { ...request, summary: 'second' });
    await saveCaptured('clerk1', { ...request, summary: 'third' });

    online = true;
    const sent = await Promise.all([sendWaiting('clerk1'), sendWaiting('clerk1'), sendWaiting('clerk1')]);
    expect(sent[0]).toBe(3);
    expect(service.batches()).toHaveLength(1);
    expect(sentBatch(service.batches()[0]!.init).items.map((e) => e.item.summary)).toEqual(['obs', 'second', 'third']);
    expect(await entries('clerk1')).toHaveLength(0);
  });

  it('sends at most 100 items a batch, and stops at the first batch that cannot be sent, keeping the rest in order', async () => {
    let answers = 0;
    const service = fakeService((url, init) => {
      if (!isBatch(url) || answers === 0) offline();
      answers--;
      return answered(init);
    });
    for (let n = 0; n < 205; n++) await saveCaptured('clerk1', { ...request, summary: `item ${n}` });
    answers = 1; // the connection comes back for one request only
    expect(await sendWaiting('clerk1')).toBe(100);
    const left = await entries('clerk1');
    expect(left).toHaveLength(105);
    expect(left[0]?.request.summary).toBe('item 100');
    expect(left[0]?.attempts).toBeGreaterThan(0);
    expect(service.batches().map((c) => sentBatch(c.init).items.length)).toEqual([100, 100]);

    answers = 5;
    expect(await sendWaiting('clerk1')).toBe(105);
    expect(service.batches().slice(2).map((c) => sentBatch(c.init).items.length)).toEqual([100, 5]);
    expect(await entries('clerk1')).toHaveLength(0);
  });

  it('keeps the items a batch refuses, each with its own problem, and lets the others go', async () => {
    let online = false;
    fakeService((url, init) => {
      if (!online || !isBatch(url)) offline();
      return answered(init, { second: 422, fourth: 409 });
    });
    for (const summary of ['first', 'second', 'third', 'fourth']) await saveCaptured('clerk1', { ...request, summary });
    online = true;
    expect(await sendWaiting('clerk1')).toBe(2);
    const left = await entries('clerk1');
    expect(left.map((e) => [e.request.summary, e.state, e.problem?.detail])).toEqual([
      ['second', 'rejected', 'refused: second'],
      ['fourth', 'rejected', 'refused: fourth'],
    ]);
    expect(left[0]?.problem?.status).toBe(422);
  });

  it('keeps every item of a batch waiting when the service fails (5xx), to try again', async () => {
    let status = 0;
    fakeService((url) => {
      if (status === 0 || !isBatch(url)) offline();
      return json(status, { title: 'Internal Server Error', status });
    });
    await saveCaptured('clerk1', request);
    await saveCaptured('clerk1', { ...request, summary: 'second' });
    status = 500;
    expect(await sendWaiting('clerk1')).toBe(0);
    const left = await entries('clerk1');
    expect(left.map((e) => [e.state, e.attempts > 0])).toEqual([['waiting', true], ['waiting', true]]);
  });

  it('sends the items one by one when the service refuses the batch whole, keeping the one it refuses', async () => {
    let online = false;
    fakeService((url, init) => {
      if (!online) offline();
      if (isBatch(url)) return json(404, { title: 'Not found', status: 404 });
      const body = JSON.parse(String(init.body)) as ItemCreateRequest;
      return body.summary === 'second'
        ? json(409, { title: 'Conflict', status: 409, detail: 'The outage is closed.' })
        : created('');
    });
    await saveCaptured('clerk1', request);
    await saveCaptured('clerk1', { ...request, summary: 'second' });
    online = true;
    expect(await sendWaiting('clerk1')).toBe(1);
    const [entry, ...rest] = await entries('clerk1');
    expect(rest).toHaveLength(0);
    expect(entry?.request.summary).toBe('second');
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
