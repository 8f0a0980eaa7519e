import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checkAccessibility, DESKTOP, launch, PHONE, screenshot, seed, signIn, unlock } from './support.mjs';

describe('Cymraeg', () => {
  let browser;
  let users;
  before(async () => {
    browser = await launch();
    users = await seed('welsh');
  });
  after(() => browser?.close());

  for (const [name, device] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    it(`switches to Welsh and remembers it on a ${name}`, async () => {
      const context = await browser.newContext(device);
      const page = await context.newPage();
      await signIn(page, users.lead);
      await page.getByLabel('Language').selectOption('cy');
      await page.getByRole('link', { name: 'Cofnodi' }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
      await page.reload();
      await unlock(page);
      await page.getByRole('heading', { name: 'Toriadau' }).waitFor();
      await checkAccessibility(page, `outages in Welsh (${name})`);
      await page.getByRole('link', { name: 'Cofnodi' }).click();
      await page.getByRole('heading', { name: 'Cofnodi cofnod papur' }).waitFor();
      await page.getByRole('button', { name: 'Cadw a’r nesaf' }).waitFor();
      await checkAccessibility(page, `capture in Welsh (${name})`);
      await screenshot(page, `capture-welsh-${name}`);
      // Back to English for whoever uses this device next.
      await page.getByLabel('Iaith').selectOption('en');
      await page.getByRole('link', { name: 'Capture' }).waitFor();
      await context.close();
    });
  }
});
