import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { apiAs, base, checkAccessibility, DESKTOP, itemBody, launch, PHONE, screenshot, seed, signIn, unique, unlock } from './support.mjs';

describe('recovery report', () => {
  let browser;
  let users;
  let open;
  let sheet;
  before(async () => {
    browser = await launch();
    users = await seed('report');
    const clerk = await apiAs(users.clerk);
    const lead = users.asLead;
    // one observations chart for Ward 3; the item still open is written on it, so it does not come back complete
    const pack = await lead('POST', '/api/form-packs', {
      site: 'RXH', ward: 'Ward 3', kind: 'OBSERVATIONS_CHART', count: 1, outageId: users.outage.id,
    });
    sheet = pack.sheets[0].sheetId;
    const items = [];
    for (const n of [1, 2]) {
      items.push(await clerk('POST', '/api/items', itemBody(users.outage, { summary: `report ${n}`, ...(n === 2 ? { sheetId: sheet } : {}) }),
        { 'Idempotency-Key': `report-${unique()}` }));
    }
    await lead('POST', `/api/outages/${users.outage.id}/systems/EPR/recovered`, { recoveredAt: new Date().toISOString() });
    const first = await lead('GET', `/api/items/${items[0].id}`);
    await lead('POST', `/api/items/${first.id}/transitions`, { to: 'NOT_REQUIRED', reason: 'Monitor data replayed' },
      { 'If-Match': `"${first.version}"` });
    await lead('POST', `/api/outages/${users.outage.id}/close`, {});
    open = items[1];
  });
  after(() => browser?.close());

  it('opens the report, signs the outage off with a reason for the open item, and shows the sign-off', async () => {
    const context = await browser.newContext({ ...DESKTOP, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, users.lead);
    await page.getByRole('link', { name: `${users.outage.reference} ${users.outage.title}` }).click();
    await page.getByRole('link', { name: 'Recovery report and sign-off' }).click();
    await page.getByRole('heading', { name: `Recovery report ${users.outage.reference}` }).waitFor();
    await page.getByText('1 × Monitor data replayed').waitFor();
    await page.getByRole('link', { name: open.reference }).waitFor();
    await page.getByText('Not signed off yet.').waitFor();
    await checkAccessibility(page, 'report (desktop)');

    // Without a reason for the open item the service refuses, naming the field beside it.
    await page.getByRole('button', { name: 'Sign off', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await page.getByText(`${sheet}: not come back`).waitFor();
    await page.getByLabel(`Reason for ${open.reference}`).fill('Ward query about the time of care');
    await page.getByLabel(`Reason for ${sheet}`).fill('Chart still on the ward with the patient');
    await page.getByLabel('Statement').fill('Reconciled with the ward manager');
    await page.getByRole('button', { name: 'Sign off', exact: true }).click();
    await page.getByText(/Signed off by Lead report \(lead-report\)/).waitFor();
    await page.getByText(`${open.reference}: Ward query about the time of care`).waitFor();
    await checkAccessibility(page, 'report signed off (desktop)');
    await screenshot(page, 'report-desktop');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the report (PDF)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `recovery-report-${users.outage.reference}.pdf`);
    const pdf = await readFile(await download.path());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');

    const report = await users.asLead('GET', `/api/outages/${users.outage.id}/report`);
    assert.equal(report.signOff.statement, 'Reconciled with the ward manager');
    assert.deepEqual(report.signOff.exceptions.map((e) => `${e.ref} ${e.kind}`), [`${open.reference} OPEN_ITEM`, `${sheet} SHEET_OUT`]);
    await context.close();
  });

  it('reads the report on a phone, in Welsh', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, users.lead);
    await page.goto(`${base}/outages/${users.outage.id}/report`);
    await unlock(page);
    await page.getByRole('heading', { name: `Recovery report ${users.outage.reference}` }).waitFor();
    await checkAccessibility(page, 'report (phone)');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width}px wide`);
    await page.getByLabel('Language').selectOption('cy');
    await page.getByRole('heading', { name: `Adroddiad adfer ${users.outage.reference}` }).waitFor();
    await page.getByText(/Llofnodwyd gan/).waitFor();
    await checkAccessibility(page, 'report (phone, Welsh)');
    await screenshot(page, 'report-phone-cy');
    // Back to English for whoever uses this device next.
    await page.getByLabel('Iaith').selectOption('en');
    await page.getByRole('heading', { name: `Recovery report ${users.outage.reference}` }).waitFor();
    await context.close();
  });
});
