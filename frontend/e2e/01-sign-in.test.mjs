import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { base, checkAccessibility, DESKTOP, launch, PASSWORD, PHONE, screenshot, seed, signIn, unlock } from './support.mjs';

describe('signing in and out', () => {
  let browser;
  let users;
  before(async () => {
    browser = await launch();
    users = await seed('signin');
  });
  after(() => browser?.close());

  for (const [name, device] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    it(`signs in by role and out again on a ${name}`, async () => {
      const context = await browser.newContext(device);
      const page = await context.newPage();
      const response = await page.goto(`${base}/`);
      const headers = response.headers();
      assert.match(headers['content-security-policy'], /script-src 'self'/);
      assert.doesNotMatch(headers['content-security-policy'], /unsafe-inline[^;]*;.*script|script-src[^;]*unsafe/);
      assert.equal(headers['x-content-type-options'], 'nosniff');
      assert.ok(headers['referrer-policy']);

      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await checkAccessibility(page, `sign-in (${name})`);
      await screenshot(page, `sign-in-${name}`);

      await page.getByLabel('Username').fill(users.clerk);
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'The username or password is not right.' }).waitFor();

      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Capture a paper record' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/capture');
      // A clerk's menu has no team-lead pages.
      assert.equal(await page.getByRole('link', { name: 'Outages' }).count(), 0);

      // No token where a script could read it: the refresh token is an HttpOnly cookie, the access token in memory.
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
      assert.doesNotMatch(stored, /eyJ|refresh/i);
      const cookie = (await context.cookies()).find((c) => c.name === 'backlog_refresh');
      assert.ok(cookie?.httpOnly, 'the refresh cookie is HttpOnly');
      assert.equal(cookie.sameSite, 'Strict');

      // A reload locks the app until the same person types their password; a deep link then opens at that page.
      await page.goto(`${base}/outbox`);
      await unlock(page);
      await page.getByRole('heading', { name: 'Outbox' }).waitFor();

      const [logout] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/auth/logout')),
        page.getByRole('button', { name: 'Sign out' }).click(),
      ]);
      assert.equal(logout.status(), 204);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      assert.equal((await context.cookies()).filter((c) => c.name === 'backlog_refresh' && c.value).length, 0,
        'signing out clears the refresh cookie');
      await page.reload();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await context.close();
    });
  }

  it('takes a team lead to the outages', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, users.lead);
    await page.getByRole('heading', { name: 'Outages' }).waitFor();
    assert.ok(await page.getByRole('link', { name: 'Workload' }).isVisible());
    await context.close();
  });
});
