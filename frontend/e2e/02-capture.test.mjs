import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiAs, checkAccessibility, fillForm, launch, PHONE, poll, screenshot, seed, signIn, unique } from './support.mjs';


describe('capture on a phone', () => {
  let browser;
  let users;
  before(async () => {
    browser = await launch();
    users = await seed('capture');
  });
  after(() => browser?.close());

  it('captures an item and keeps the sticky fields for the next', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, users.clerk);
    await page.getByRole('heading', { name: 'Capture a paper record' }).waitFor();
    await checkAccessibility(page, 'capture (phone)');

    const marker = `obs ${unique()}`;
    await fillForm(page, users.outage, { summary: `${marker} one`, first: true });
    assert.equal(await page.getByLabel('NHS number').inputValue(), '943 476 5919');
    await screenshot(page, 'capture-phone');
    await page.getByRole('button', { name: 'Save and next' }).click();
    await page.getByText(/Saved as ITM-\d+/).waitFor();
    assert.equal(await page.getByLabel('Ward').inputValue(), 'Ward 7');
    assert.equal(await page.getByLabel('NHS number').inputValue(), '');

    // The next form with the keyboard alone: Enter saves it.
    await page.getByLabel('NHS number').pressSequentially('9434765919');
    await page.keyboard.press('Tab');
    await page.getByLabel('Patient is').selectOption('ED');
    await page.getByLabel('Kind of record').selectOption('ORDER');
    await page.getByLabel('Recorded by').fill('Dr Evans');
    await page.getByLabel('What was done').fill(`${marker} two`);
    await page.getByLabel('Recorded by').press('Enter');
    const api = await apiAs(users.clerk);
    const found = await poll(() => api('GET', `/api/items?outageId=${users.outage.id}&q=${encodeURIComponent(marker)}`),
      (page) => page.items.length === 2);
    assert.deepEqual(found.items.map((i) => i.summary).sort(), [`${marker} one`, `${marker} two`]);
    assert.ok(found.items.every((i) => i.ward === 'Ward 7' && i.patientMasked === 'NHS *** *** 5919'));
    await context.close();
  });

  it('shows a bad NHS number beside the field and sends nothing', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, users.clerk);
    const marker = `bad ${unique()}`;
    await fillForm(page, users.outage, { summary: marker, nhs: '943 476 5918', first: true });
    await page.getByRole('button', { name: 'Save and next' }).click();
    await page.getByText('This NHS number is not valid').waitFor();
    assert.equal(await page.getByLabel('NHS number').getAttribute('aria-invalid'), 'true');
    const api = await apiAs(users.clerk);
    const found = await api('GET', `/api/items?outageId=${users.outage.id}&q=${encodeURIComponent(marker)}`);
    assert.equal(found.items.length, 0);
    await context.close();
  });

  it('asks to sign in again when the session ends, without losing what was typed', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, users.clerk);
    const marker = `expired ${unique()}`;
    await fillForm(page, users.outage, { summary: marker, first: true });
    // The session ends: the refresh cookie is gone and the user's access tokens are ended on the service.
    await context.clearCookies();
    const admin = await apiAs('admin', process.env.E2E_ADMIN_PASSWORD);
    const [user] = (await admin('GET', '/api/users')).filter((u) => u.username === users.clerk);
    await admin('PATCH', `/api/users/${user.id}`, { displayName: `${user.displayName} (renamed)` });

    await page.getByRole('button', { name: 'Save and next' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in again' });
    await dialog.waitFor();
    await dialog.getByLabel('Password').fill('e2e-Password-123');
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/Saved as ITM-\d+/).waitFor();
    const api = await apiAs(users.clerk);
    const found = await api('GET', `/api/items?outageId=${users.outage.id}&q=${encodeURIComponent(marker)}`);
    assert.equal(found.items.length, 1);
    await context.close();
  });
});
