import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  apiAs, base, checkAccessibility, DESKTOP, itemBody, launch, PHONE, poll, screenshot, seed, signIn, unique, unlock,
} from './support.mjs';

describe('temporary patients and drills', () => {
  let browser;
  let users;
  before(async () => {
    browser = await launch();
    users = await seed('temporary');
  });
  after(() => browser?.close());

  it('captures an item under a temporary id, merges it into the NHS number, and the item shows the number', async () => {
    // A clerk on a phone: the patient has no identity yet.
    const clerkContext = await browser.newContext(PHONE);
    const clerkPage = await clerkContext.newPage();
    await signIn(clerkPage, users.clerk);
    await clerkPage.getByRole('heading', { name: 'Capture a paper record' }).waitFor();
    await clerkPage.getByLabel('Outage').selectOption({ label: `${users.outage.reference} ${users.outage.title}` });
    await clerkPage.getByLabel('Site').selectOption('RXH');
    await clerkPage.getByLabel('Ward').fill('ED');
    await clerkPage.getByLabel(/^System/).selectOption('EPR');
    await clerkPage.getByRole('button', { name: 'Unidentified patient: get a temporary id' }).click();
    await clerkPage.getByText(/Temporary id TMP-RXH-\d{4,} is in the local id/).waitFor();
    const temporaryId = await clerkPage.getByLabel('Local patient id').inputValue();
    assert.match(temporaryId, /^TMP-RXH-\d{4,}$/);
    await checkAccessibility(clerkPage, 'capture with a temporary id (phone)');
    await screenshot(clerkPage, 'capture-temporary-id-phone');
    const marker = `unidentified ${unique()}`;
    await clerkPage.getByLabel('Patient is').selectOption('ED');
    await clerkPage.getByLabel('Kind of record').selectOption('OBSERVATIONS');
    await clerkPage.getByLabel('Recorded by').fill('Nurse Jones');
    await clerkPage.getByLabel('What was done').fill(marker);
    await clerkPage.getByRole('button', { name: 'Save and next' }).click();
    await clerkPage.getByText(/Saved as ITM-\d+/).waitFor();
    await clerkContext.close();

    const api = await apiAs(users.lead);
    const logged = await poll(() => api('GET', `/api/items?outageId=${users.outage.id}&q=${encodeURIComponent(marker)}`),
      (page) => page.items.length === 1);
    assert.equal(logged.items.length, 1);
    const itemId = logged.items[0].id;

    // The lead, on a phone, once the patient is identified.
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, users.lead);
    await page.goto(`${base}/merge`);
    await unlock(page);
    await page.getByRole('heading', { name: 'Merge a temporary patient' }).waitFor();
    await page.getByRole('textbox', { name: 'Temporary id' }).fill(temporaryId.toLowerCase());
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByText('1 item will change.').waitFor();
    await checkAccessibility(page, 'merge (phone)');
    await page.getByLabel('NHS number').fill('9434765919');
    assert.equal(await page.getByLabel('NHS number').inputValue(), '943 476 5919');
    await page.getByLabel('How the patient was identified').fill('Identified by next of kin');
    await page.getByRole('button', { name: 'Merge 1 item' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge this patient?' });
    await dialog.getByText(`1 item under ${temporaryId} will name 943 476 5919.`, { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.getByText('Merged: 1 item now names NHS *** *** 5919.').waitFor();
    await checkAccessibility(page, 'merged (phone)');
    await screenshot(page, 'merge-phone');

    await page.getByRole('link', { name: `Item ${itemId}` }).click();
    await page.getByRole('heading', { name: /ITM-/ }).waitFor();
    await page.getByText('943 476 5919').waitFor();
    await checkAccessibility(page, 'merged item (phone)');

    // A second merge is refused; the identity says what it became.
    await page.goto(`${base}/merge`);
    await unlock(page);
    await page.getByRole('textbox', { name: 'Temporary id' }).fill(temporaryId);
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByText(/Merged into NHS \*\*\* \*\*\* 5919/).waitFor();
    await context.close();
  });

  it('declares a drill, which is labelled as one', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, users.lead);
    await page.getByRole('heading', { name: 'Outages' }).waitFor();
    const title = `Annual continuity drill ${unique()}`;
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Systems').fill('EPR');
    await page.getByLabel('This outage is a drill').check();
    await page.getByRole('button', { name: 'Start outage' }).click();
    const link = page.getByRole('link', { name: new RegExp(title) });
    await link.waitFor();
    await checkAccessibility(page, 'outages with a drill (desktop)');
    await link.click();
    await page.getByRole('note').getByText('DRILL').waitFor();
    await checkAccessibility(page, 'drill outage (desktop)');
    await screenshot(page, 'drill-outage-desktop');
    const lead = await apiAs(users.lead);
    const drill = (await lead('GET', '/api/outages')).find((o) => o.title === title);
    assert.equal(drill.drill, true);

    // Its items carry test numbers only, and the backlog labels them.
    const item = await lead('POST', '/api/items', itemBody(drill, { patient: { nhsNumber: '9990000018', localId: null, name: null, dateOfBirth: null } }),
      { 'Idempotency-Key': `drill-${unique()}` });
    assert.equal(item.drill, true);
    await page.goto(`${base}/items?outageId=${drill.id}`);
    await unlock(page);
    await page.getByRole('link', { name: item.reference }).waitFor();
    await page.getByRole('note').getByText('DRILL').waitFor();
    await page.getByRole('row', { name: new RegExp(item.reference) }).getByText('DRILL').waitFor();
    await checkAccessibility(page, 'drill backlog (desktop)');
    await context.close();
  });
});
