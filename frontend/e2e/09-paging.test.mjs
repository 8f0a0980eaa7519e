import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiAs, base, DESKTOP, itemBody, launch, poll, seed, signIn, unique, unlock } from './support.mjs';

describe('paging', () => {
  let browser;
  let users;
  before(async () => {
    browser = await launch();
    users = await seed('paging');
    const api = await apiAs(users.clerk);
    const marker = `paging ${unique()}`;
    for (let n = 1; n <= 57; n++) {
      await api('POST', '/api/items', itemBody(users.outage, { summary: `${marker} ${n}` }),
        { 'Idempotency-Key': `paging-${unique()}-${n}` });
    }
  });
  after(() => browser?.close());

  it('pages through a long backlog and back, each item once', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, users.lead);
    await page.goto(`${base}/items?outageId=${users.outage.id}`);
    await unlock(page);
    const links = page.locator('tbody').getByRole('link', { name: /ITM-/ });
    await page.getByText('Page 1').waitFor();
    assert.equal(await poll(() => links.count(), (n) => n === 50), 50);
    const first = await links.allTextContents();

    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Page 2').waitFor();
    assert.equal(await poll(() => links.count(), (n) => n === 7), 7);
    const second = await links.allTextContents();
    assert.equal(new Set([...first, ...second]).size, 57, 'every item once over the two pages');
    assert.ok(await page.getByRole('button', { name: 'Next' }).isDisabled(), 'the last page has no next');

    await page.getByRole('button', { name: 'Previous' }).click();
    await page.getByText('Page 1').waitFor();
    assert.equal(await poll(() => links.count(), (n) => n === 50), 50);
    assert.deepEqual(await links.allTextContents(), first);

    // a new filter starts again at its first page
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Page 2').waitFor();
    await page.getByRole('textbox', { name: 'Ward', exact: true }).fill('Ward 3');
    await page.getByRole('textbox', { name: 'Ward', exact: true }).press('Tab');
    await page.getByText('Page 1').waitFor();
    await context.close();
  });
});
