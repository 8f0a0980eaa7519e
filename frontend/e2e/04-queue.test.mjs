import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiAs, checkAccessibility, DESKTOP, itemBody, launch, PHONE, screenshot, seed, signIn, unique } from './support.mjs';

describe('back-entry and four-eyes verification', () => {
  let browser;
  let users;
  let item;
  before(async () => {
    browser = await launch();
    users = await seed('queue');
    const api = await apiAs(users.clerk);
    item = await api('POST', '/api/items', itemBody(users.outage, {
      ward: 'Ward 9', category: 'MEDICATION_ADMINISTRATION', targetSystem: 'LIMS', highRisk: true,
      patient: { nhsNumber: '9434765919', localId: null, name: 'Ann Example', dateOfBirth: '1950-01-02' },
      paperReference: 'B-1', summary: `gentamicin ${unique()}`,
    }), { 'Idempotency-Key': `queue-${unique()}` });
    await users.asLead('POST', `/api/outages/${users.outage.id}/systems/LIMS/recovered`, { recoveredAt: new Date().toISOString() });
  });
  after(() => browser?.close());

  it('claims the item in one tap and records its entry, then a second person verifies it', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, users.clerk);
    await page.getByRole('link', { name: 'My work' }).click();
    await page.getByRole('heading', { name: 'My work' }).waitFor();
    await checkAccessibility(page, 'my work (desktop)');
    await page.getByLabel(/^System/).selectOption('LIMS');
    await page.getByRole('button', { name: 'Get next' }).click();
    await page.getByRole('heading', { name: new RegExp(item.reference) }).waitFor();
    await page.getByText('Ann Example', { exact: true }).waitFor();
    await checkAccessibility(page, 'item being entered (desktop)');
    await screenshot(page, 'item-enter-desktop');

    await page.getByRole('button', { name: 'Done: entered' }).click();
    // The service's answer is shown beside the field it names.
    await page.locator('[data-field-error="externalReference"]').waitFor();
    await page.getByLabel('Record id in the clinical system').fill('LIMS-778812');
    await page.getByRole('button', { name: 'Done: entered' }).click();
    await page.getByText('Recorded as entered.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Verify' }).count(), 0, 'the person who entered it cannot verify it');
    await context.close();

    const checker = await browser.newContext(PHONE);
    const phone = await checker.newPage();
    await signIn(phone, users.checker);
    await phone.getByRole('link', { name: 'My work' }).click();
    await phone.getByRole('link', { name: item.reference }).click();
    await phone.getByRole('button', { name: 'Verify' }).click();
    await phone.getByText('Verified.').waitFor();
    await checkAccessibility(phone, 'item verified (phone)');
    await screenshot(phone, 'item-verified-phone');
    await checker.close();

    const api = await apiAs(users.lead);
    const done = await api('GET', `/api/items/${item.id}`);
    assert.equal(done.status, 'VERIFIED');
    assert.equal(done.enteredBy, users.clerk);
    assert.equal(done.verifiedBy, users.checker);
    assert.equal(done.externalReference, 'LIMS-778812');
    assert.equal(done.closed, true);
  });
});
