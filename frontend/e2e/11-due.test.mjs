import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiAs, base, checkAccessibility, DESKTOP, itemBody, launch, PHONE, poll, screenshot, seed, signIn, unique, unlock } from './support.mjs';

// The service under test runs with P1 due 5 s after entering the queue (run.mjs), so that a breach can be seen.
describe('due times', () => {
  let browser;
  let users;
  let urgent;
  let routine;
  before(async () => {
    browser = await launch();
    users = await seed('due');
    const api = await apiAs(users.clerk);
    const marker = `due ${unique()}`;
    routine = await api('POST', '/api/items', itemBody(users.outage, { patientStatus: 'DISCHARGED', summary: `${marker} routine` }),
      { 'Idempotency-Key': `due-${unique()}` });
    urgent = await api('POST', '/api/items', itemBody(users.outage, { highRisk: true, summary: `${marker} urgent` }),
      { 'Idempotency-Key': `due-${unique()}` });
    await users.asLead('POST', `/api/outages/${users.outage.id}/systems/EPR/recovered`, { recoveredAt: new Date().toISOString() });
    const breached = await poll(() => users.asLead('GET', `/api/items/${urgent.id}`), (i) => i.breached === true);
    assert.equal(breached.breached, true);
  });
  after(() => browser?.close());

  it('shows a team lead the breached item first, with its due time, in the backlog, the item and the summary', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, users.lead);
    await page.goto(`${base}/items?outageId=${users.outage.id}&sort=-loggedAt`);
    await unlock(page);
    const panel = page.getByRole('region', { name: 'Past due: deal with these first' });
    await panel.waitFor();
    const first = panel.getByRole('link', { name: /ITM-/ }).first();
    assert.equal(await first.textContent(), urgent.reference);
    assert.equal(await panel.getByRole('link', { name: routine.reference }).count(), 0);
    await panel.getByText('BREACHED').first().waitFor();
    await checkAccessibility(page, 'backlog with breaches (desktop)');
    await screenshot(page, 'due-backlog-desktop');

    await page.getByLabel('Due time').selectOption('true');
    await page.getByRole('table').getByRole('link', { name: urgent.reference }).waitFor();
    assert.equal(await page.getByRole('table').getByRole('link', { name: routine.reference }).count(), 0);
    await context.close();
  });

  it('shows the due time and the badge on the item and the count in the summary at phone width', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, users.lead);
    await page.goto(`${base}/items/${urgent.id}`);
    await unlock(page);
    await page.getByRole('heading', { name: new RegExp(urgent.reference) }).waitFor();
    await page.getByRole('heading', { name: new RegExp(urgent.reference) }).getByText('BREACHED').waitFor();
    await page.getByText(/^Due /).waitFor();
    await checkAccessibility(page, 'breached item (phone)');
    await screenshot(page, 'due-item-phone');

    await page.goto(`${base}/outages/${users.outage.id}`);
    await unlock(page);
    await page.getByText('Breached (past due, not entered)').waitFor();
    await page.getByRole('link', { name: '1', exact: true }).waitFor();
    await checkAccessibility(page, 'outage with breaches (phone)');
    await context.close();
  });
});
