import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiAs, base, checkAccessibility, fillForm, launch, PHONE, poll, screenshot, seed, signIn, unique, unlock } from './support.mjs';

describe('capture without a connection', () => {
  let browser;
  let users;
  before(async () => {
    browser = await launch();
    users = await seed('offline');
  });
  after(() => browser?.close());

  it('keeps three items captured offline through a reload and sends each exactly once when back online', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, users.clerk);
    await page.getByRole('heading', { name: 'Capture a paper record' }).waitFor();
    // The app shell is cached by the service worker once it is active.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));

    await context.setOffline(true);
    const marker = `offline ${unique()}`;
    for (const n of [1, 2, 3]) {
      await fillForm(page, users.outage, { summary: `${marker} ${n}`, first: n === 1 });
      await page.getByRole('button', { name: 'Save and next' }).click();
      await page.getByText('Saved on this device.', { exact: false }).waitFor();
      await page.getByRole('link', { name: `Waiting to send (${n})` }).waitFor();
    }
    await checkAccessibility(page, 'capture offline (phone)');
    await screenshot(page, 'offline-phone');

    // Reloaded with no connection: the shell comes from the service worker; the app is locked until the same
    // person's password opens the device's sealed outbox again.
    await page.reload();
    await unlock(page);
    await page.getByRole('link', { name: 'Waiting to send (3)' }).waitFor();
    await page.getByRole('link', { name: 'Waiting to send (3)' }).click();
    await page.getByRole('heading', { name: 'Outbox' }).waitFor();
    assert.equal(await page.getByText('Waiting to send', { exact: true }).count(), 3);
    await checkAccessibility(page, 'outbox (phone)');
    await screenshot(page, 'outbox-phone');

    // Back online, what waited goes in one batch (POST /api/items/batch), not one request per item.
    const sends = [];
    context.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (request.method() === 'POST' && path.startsWith('/api/items')) sends.push({ path, body: request.postDataJSON() });
    });
    await context.setOffline(false);
    await page.getByRole('link', { name: 'Outbox', exact: true }).waitFor({ timeout: 45_000 });
    await page.getByText('Nothing is waiting on this device.').waitFor();

    const api = await apiAs(users.clerk);
    const found = await poll(() => api('GET', `/api/items?outageId=${users.outage.id}&q=${encodeURIComponent(marker)}`),
      (p) => p.items.length >= 3);
    assert.deepEqual(found.items.map((i) => i.summary).sort(), [`${marker} 1`, `${marker} 2`, `${marker} 3`]);
    assert.deepEqual(sends.map((s) => s.path).filter((p, i, all) => all.indexOf(p) === i), ['/api/items/batch']);
    assert.deepEqual(sends[0].body.items.map((e) => e.item.summary), [`${marker} 1`, `${marker} 2`, `${marker} 3`]);

    // Nothing patient-identifying stays on the device once sent.
    const left = await page.evaluate(() => new Promise((res) => {
      const open = indexedDB.open('downtime-backlog');
      open.onsuccess = () => {
        const all = open.result.transaction('outbox').objectStore('outbox').getAll();
        all.onsuccess = () => res(all.result.length);
      };
    }));
    assert.equal(left, 0);
    await context.close();
    assert.ok(base);
  });
});
