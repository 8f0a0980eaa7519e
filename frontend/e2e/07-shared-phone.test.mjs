import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  apiAs, base, checkAccessibility, deviceStorage, fillForm, launch, PASSWORD, PHONE, poll, screenshot, seed, signIn, unique,
} from './support.mjs';

// The number as typed and as stored: neither may be readable in the device's storage at any point.
const NHS_FORMS = [/9434765919/, /943 476 5919/];

async function assertNothingReadable(page, marker, when) {
  const stored = await deviceStorage(page);
  for (const form of NHS_FORMS) assert.doesNotMatch(stored, form, `an NHS number is readable in IndexedDB ${when}`);
  assert.ok(!stored.includes(marker), `the clinical summary is readable in IndexedDB ${when}`);
  assert.ok(!stored.includes('Nurse Jones'), `who gave the care is readable in IndexedDB ${when}`);
  return stored;
}

describe('a shared ward phone', () => {
  let browser;
  let users;
  before(async () => {
    browser = await launch();
    users = await seed('shared');
  });
  after(() => browser?.close());

  it('locks when idle, unlocks offline for the same person only, switches person, and keeps no readable patient data', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    // The test's idle limit: a few seconds instead of the service's 30 minutes (it can only shorten it).
    await page.evaluate(() => localStorage.setItem('backlog.test.idle-seconds', '4'));
    await signIn(page, users.clerk);
    await page.getByRole('heading', { name: 'Capture a paper record' }).waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));

    // Captured with no connection: waits on the phone, sealed.
    await context.setOffline(true);
    const marker = `shared ${unique()}`;
    await fillForm(page, users.outage, { summary: marker, first: true });
    await page.getByRole('button', { name: 'Save and next' }).click();
    await page.getByText('Saved on this device.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Waiting to send (1)' }).waitFor();
    const sealed = await assertNothingReadable(page, marker, 'after capture');
    assert.match(sealed, /"sealed"/);

    // Left alone past the idle limit: locked, nothing of the item on screen.
    await page.getByRole('heading', { name: 'Locked' }).waitFor({ timeout: 15_000 });
    assert.equal(await page.getByText(marker).count(), 0);
    assert.equal(await page.getByRole('link', { name: /Waiting to send/ }).count(), 0);
    await checkAccessibility(page, 'lock screen (phone)');
    await screenshot(page, 'lock-phone');
    await assertNothingReadable(page, marker, 'while locked');

    // Offline, a wrong password does not open it; the same person's does, checked on the device.
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('alert').filter({ hasText: 'The username or password is not right.' }).waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('link', { name: 'Waiting to send (1)' }).waitFor();
    await page.getByRole('link', { name: 'Waiting to send (1)' }).click();
    await page.getByText(marker).waitFor();
    await page.evaluate(() => localStorage.removeItem('backlog.test.idle-seconds'));

    // Switch person: the session ends, the unsent item stays on the phone, still sealed.
    await page.getByRole('button', { name: 'Switch person' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const left = await assertNothingReadable(page, marker, 'after switching person');
    assert.match(left, /"sealed"/, 'the unsent item is kept for its owner');

    // Someone else signs in when the connection is back: they see nothing of the first person's item, and it is
    // not sent under their name.
    await context.setOffline(false);
    await signIn(page, users.checker);
    await page.getByRole('link', { name: 'Outbox', exact: true }).click();
    await page.getByText('Nothing is waiting on this device.').waitFor();
    const asLead = await apiAs(users.lead);
    const none = await asLead('GET', `/api/items?outageId=${users.outage.id}&q=${encodeURIComponent(marker)}`);
    assert.equal(none.items.length, 0, 'the item is not sent while someone else is signed in');
    await assertNothingReadable(page, marker, 'while someone else is signed in');

    // The person who captured it signs in again: it is sent, once, in their name, and leaves the phone.
    await page.getByRole('button', { name: 'Switch person' }).click();
    await signIn(page, users.clerk);
    const found = await poll(() => asLead('GET', `/api/items?outageId=${users.outage.id}&q=${encodeURIComponent(marker)}`),
      (p) => p.items.length >= 1, 45);
    assert.equal(found.items.length, 1);
    const item = await asLead('GET', `/api/items/${found.items[0].id}`);
    assert.equal(item.loggedBy, users.clerk, 'attributed to the person who captured and unlocked');
    await poll(() => deviceStorage(page), (s) => s === '[]', 20);
    assert.equal(await deviceStorage(page), '[]');
    await context.close();
  });
});
