import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { apiAs, base, checkAccessibility, DESKTOP, itemBody, launch, PHONE, screenshot, seed, signIn, unique, unlock } from './support.mjs';

describe('team lead', () => {
  let browser;
  let users;
  let marker;
  before(async () => {
    browser = await launch();
    users = await seed('lead');
    const api = await apiAs(users.clerk);
    marker = `lead ${unique()}`;
    const at = new Date(Date.now() - 2 * 3600_000).toISOString();
    for (const [n, category] of [[1, 'OBSERVATIONS'], [2, 'OBSERVATIONS'], [3, 'ORDER']]) {
      await api('POST', '/api/items', itemBody(users.outage, { category, occurredAt: at, summary: `${marker} ${n}` }),
        { 'Idempotency-Key': `lead-${unique()}` });
    }
  });
  after(() => browser?.close());

  it('marks a system recovered and watches the summary, then triages the backlog', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, users.lead);
    await page.getByRole('heading', { name: 'Outages' }).waitFor();
    await checkAccessibility(page, 'outages (desktop)');
    await page.getByRole('link', { name: `${users.outage.reference} ${users.outage.title}` }).click();
    await page.getByRole('button', { name: 'Mark EPR recovered' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, it is back' }).click();
    await page.getByText(/EPR: recovered/).waitFor();
    await page.getByRole('img', { name: /Open items went from/ }).waitFor();
    await checkAccessibility(page, 'outage (desktop)');
    await screenshot(page, 'outage-desktop');

    await page.getByRole('link', { name: 'Open this outage’s backlog' }).click();
    await page.getByRole('heading', { name: 'Backlog' }).waitFor();
    await page.getByRole('link', { name: /ITM-/ }).first().waitFor();
    await checkAccessibility(page, 'backlog (desktop)');
    await page.getByLabel('Name this filter').fill('Outage view');
    await page.getByRole('button', { name: 'Save filter' }).click();
    await page.getByRole('button', { name: 'Outage view', exact: true }).waitFor();

    await page.getByLabel('Select all on this page').check();
    await page.getByLabel('Action').selectOption('HOLD');
    await page.getByLabel('Reason').fill('Query to ward: illegible time');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('3 done, 0 not done.').waitFor();
    await screenshot(page, 'backlog-desktop');

    const api = await apiAs(users.lead);
    const held = await api('GET', `/api/items?outageId=${users.outage.id}&status=ON_HOLD`);
    assert.equal(held.items.length, 3);

    // The list as filtered, as a CSV file for a spreadsheet: patients masked, formulas neutralised.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export as CSV' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'backlog-items.csv');
    const csv = await readFile(await download.path(), 'utf8');
    assert.ok(csv.startsWith('\uFEFFreference,outageId,'), csv.slice(0, 40));
    for (const n of [1, 2, 3]) assert.ok(csv.includes(`${marker} ${n}`), `row ${n} is in the export`);
    assert.ok(!csv.includes('9434765919') && !csv.includes('943 476 5919'), 'patients are masked');

    // A patient search: the NHS number travels in a POST body, never in the address or a URL the page requests.
    const urls = [];
    page.on('request', (request) => urls.push(request.url()));
    await page.getByLabel('Find a patient (NHS number or local id)').fill('943 476 5919');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByRole('button', { name: 'Show the filtered list' }).waitFor();
    await page.getByRole('link', { name: /ITM-/ }).first().waitFor();
    for (const url of [page.url(), ...urls]) {
      assert.ok(!/943\D?476\D?5919/.test(decodeURIComponent(url)), `the NHS number is in ${url}`);
    }
    await page.getByRole('button', { name: 'Show the filtered list' }).click();

    await page.getByRole('link', { name: 'Duplicates' }).click();
    await page.getByRole('heading', { name: 'Possible duplicates' }).waitFor();
    await page.getByLabel('Outage', { exact: true }).selectOption(String(users.outage.id));
    await page.getByRole('button', { name: 'Not the same care' }).first().waitFor();
    await checkAccessibility(page, 'duplicates (desktop)');
    await page.getByLabel('Reason').first().fill('Two separate observation rounds');
    await page.getByRole('button', { name: 'Not the same care' }).first().click();
    await page.getByText('Dismissed.').waitFor();

    await page.getByRole('link', { name: 'Workload' }).click();
    await page.getByRole('heading', { name: 'Workload' }).waitFor();
    await checkAccessibility(page, 'workload (desktop)');
    await context.close();
  });

  it('reads the outage on a phone', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, users.lead);
    await page.getByRole('link', { name: `${users.outage.reference} ${users.outage.title}` }).click();
    await page.getByRole('heading', { name: 'Progress' }).waitFor();
    await checkAccessibility(page, 'outage (phone)');
    await screenshot(page, 'outage-phone');
    await context.close();
  });

  it('shows what changed when someone else corrected the item meanwhile, and reloads their version', async () => {
    const api = await apiAs(users.clerk);
    const item = await api('POST', '/api/items', itemBody(users.outage, { summary: `${marker} edit` }),
      { 'Idempotency-Key': `lead-${unique()}` });
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, users.lead);
    await page.goto(`${base}/items/${item.id}`);
    await unlock(page);
    await page.getByRole('button', { name: 'Correct this item' }).click();
    await page.getByLabel('Ward').fill('Ward 4');

    // Meanwhile the clerk corrects the same item.
    await api('PATCH', `/api/items/${item.id}`, { summary: `${marker} corrected`, reason: 'typo' }, { 'If-Match': `"${item.version}"` });

    await page.getByRole('button', { name: 'Save' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone changed this item while you were editing.' });
    await conflict.waitFor();
    assert.match(await conflict.textContent(), /What was done/);
    await checkAccessibility(page, 'item edit conflict (desktop)');
    await conflict.getByRole('button', { name: /Reload their version/ }).click();
    assert.equal(await page.getByLabel('What was done').inputValue(), `${marker} corrected`);
    assert.equal(await page.getByLabel('Ward').inputValue(), 'Ward 3');
    await context.close();
  });
});
