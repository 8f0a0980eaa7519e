import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemCreateRequest } from '../../lib/api/types';
import { lockDevice, rememberSignIn, unlockOffline } from '../../lib/device/vault';
import { addEntry, discardExpired, entries, expiresSoon, newKey, pendingDiscards, removeAll } from './outbox';

const NHS = '9434765919';
const request: ItemCreateRequest = {
  outageId: 1, site: 'RXH', ward: 'Ward 7', category: 'OBSERVATIONS', targetSystem: 'EPR',
  patient: { nhsNumber: NHS, localId: null, name: 'Alice Example', dateOfBirth: '1950-02-03' },
  occurredAt: '2026-11-24T08:00:00.000Z', recordedBy: 'Nurse A', paperReference: null, summary: 'obs: BP 120/80',
  details: null, highRisk: false, patientStatus: 'INPATIENT',
};

/** Everything IndexedDB holds, as text: what someone with the phone's storage would read. */
async function rawOutbox(): Promise<string> {
  const d = await openDB('downtime-backlog', 1);
  const all = await d.getAll('outbox');
  d.close();
  return JSON.stringify(all);
}

describe('the outbox at rest', () => {
  beforeEach(async () => {
    await rememberSignIn('clerk1', 'clerk1-password');
  });

  afterEach(async () => {
    await rememberSignIn('clerk1', 'clerk1-password');
    await removeAll('clerk1');
    await removeAll('clerk2');
    lockDevice();
  });

  it('holds no patient or clinical detail in the clear, and opens for its owner', async () => {
    await addEntry('clerk1', newKey(), request);
    const raw = await rawOutbox();
    expect(raw).not.toContain(NHS);
    expect(raw).not.toContain('Alice');
    expect(raw).not.toContain('BP 120');
    expect(raw).not.toContain('1950-02-03');
    expect((await entries('clerk1'))[0]?.request).toEqual(request);
  });

  it('cannot be read or added to while locked, nor by someone else', async () => {
    await addEntry('clerk1', newKey(), request);
    lockDevice();
    expect(await entries('clerk1')).toEqual([]);
    await expect(addEntry('clerk1', newKey(), request)).rejects.toThrow('locked');
    await rememberSignIn('clerk2', 'clerk2-password');
    expect(await entries('clerk1')).toEqual([]);
  });

  it('opens again offline with the same password only, within the sign-in lifetime', async () => {
    await addEntry('clerk1', newKey(), request);
    lockDevice();
    expect(await unlockOffline('clerk1', 'wrong-password')).toBe(false);
    expect(await unlockOffline('clerk2', 'clerk1-password')).toBe(false);
    expect(await unlockOffline('clerk1', 'clerk1-password')).toBe(true);
    expect(await entries('clerk1')).toHaveLength(1);

    const record = JSON.parse(localStorage.getItem('backlog.device.clerk1')!);
    localStorage.setItem('backlog.device.clerk1', JSON.stringify({ ...record, signedInAt: Date.now() - 13 * 3600_000 }));
    lockDevice();
    expect(await unlockOffline('clerk1', 'clerk1-password')).toBe(false);
  });

  it('seals entries an earlier version left in the clear', async () => {
    const d = await openDB('downtime-backlog', 1);
    await d.put('outbox', {
      key: 'legacy-1', username: 'clerk1', capturedAt: new Date().toISOString(), order: 1, request, state: 'waiting',
      attempts: 0, problem: null,
    });
    d.close();
    expect((await entries('clerk1'))[0]?.request).toEqual(request);
    expect(await rawOutbox()).not.toContain(NHS);
  });

  it('deletes entries after 72 hours, warns from 60, and keeps a record of the discard in counts only', async () => {
    const entry = await addEntry('clerk1', newKey(), request);
    const captured = Date.parse(entry.capturedAt);
    expect(expiresSoon(entry, captured + 59 * 3600_000)).toBe(false);
    expect(expiresSoon(entry, captured + 61 * 3600_000)).toBe(true);
    expect(await discardExpired(captured + 71 * 3600_000)).toEqual([]);

    const [discard] = await discardExpired(captured + 73 * 3600_000);
    expect(discard).toMatchObject({ username: 'clerk1', count: 1, oldestCapturedAt: entry.capturedAt });
    expect(await entries('clerk1')).toEqual([]);
    expect(pendingDiscards('clerk1')).toHaveLength(1);
    expect(JSON.stringify(pendingDiscards())).not.toContain(NHS);
  });
});
