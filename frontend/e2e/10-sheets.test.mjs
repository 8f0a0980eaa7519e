import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import QRCode from 'qrcode';
import { apiAs, base, checkAccessibility, fillForm, launch, PHONE, screenshot, seed, signIn, unique, unlock } from './support.mjs';

describe('downtime sheets', () => {
  let browser;
  let users;
  before(async () => {
    browser = await launch();
    users = await seed('sheets');
  });
  after(() => browser?.close());

  it('prints a pack, captures lines from its sheets (typed and from a photo of the QR code), and reconciles them', async () => {
    const marker = `sheets ${unique()}`;
    const outage = users.outage;

    // A lead prints a pack of three observations charts for Ward 7 during the outage.
    const leadContext = await browser.newContext(PHONE);
    const lead = await leadContext.newPage();
    await signIn(lead, users.lead);
    await lead.getByRole('link', { name: 'Form packs' }).click();
    await lead.getByRole('heading', { name: 'Print a form pack' }).waitFor();
    await checkAccessibility(lead, 'form pack (phone)');
    await lead.getByLabel('Outage').selectOption({ label: `${outage.reference} ${outage.title}` });
    await lead.getByLabel('Site').selectOption('RXH');
    await lead.getByLabel('Ward').fill('Ward 7');
    await lead.getByRole('combobox', { name: /^Form/ }).selectOption('OBSERVATIONS_CHART');
    await lead.getByLabel('Number of sheets').fill('3');
    await lead.getByRole('button', { name: 'Make the pack' }).click();
    await lead.getByRole('status').filter({ hasText: /^Pack \d+ made: 3 sheets for Ward 7 at RXH\.$/ }).waitFor();
    const sheets = await lead.locator('.sheet-ids code').allTextContents();
    assert.equal(sheets.length, 3);
    for (const id of sheets) assert.match(id, /^S-RXH-[0-9A-Z]{7}-[0-9A-Z]$/);
    await checkAccessibility(lead, 'form pack made (phone)');
    await screenshot(lead, 'form-pack-phone');
    const [pdf] = await Promise.all([
      lead.waitForEvent('download'),
      lead.getByRole('button', { name: 'Download the pack to print (PDF)' }).click(),
    ]);
    assert.match(pdf.suggestedFilename(), /^form-pack-\d+\.pdf$/);
    assert.equal((await readFile(await pdf.path())).subarray(0, 5).toString('latin1'), '%PDF-');

    // A clerk types the first sheet's id; a typo in it is caught before anything is sent.
    const clerkContext = await browser.newContext(PHONE);
    const clerk = await clerkContext.newPage();
    await signIn(clerk, users.clerk);
    await clerk.getByRole('heading', { name: 'Capture a paper record' }).waitFor();
    await fillForm(clerk, outage, { summary: `${marker} typed`, first: true });
    const last = sheets[0].slice(-1);
    await clerk.getByLabel('Sheet id').fill(sheets[0].slice(0, -1) + (last === 'A' ? 'B' : 'A'));
    await clerk.getByRole('button', { name: 'Save and next' }).click();
    await clerk.getByText('This sheet id is not valid').waitFor();
    await clerk.getByLabel('Sheet id').fill(sheets[0].toLowerCase());
    await clerk.getByRole('button', { name: 'Save and next' }).click();
    await clerk.getByText(/Saved as ITM-/).waitFor();
    assert.equal(await clerk.getByLabel('Sheet id').inputValue(), sheets[0], 'the sheet id stays for its next line');
    await checkAccessibility(clerk, 'capture with a sheet (phone)');

    // The second sheet read from a photo of its QR code, on a line logged for another ward: saved, with a warning.
    // Another patient, so the line is not taken for a possible duplicate of the first.
    await fillForm(clerk, outage, { summary: `${marker} photo`, nhs: '401 023 2137' });
    await clerk.getByLabel('Ward').fill('Ward 9');
    const photo = await QRCode.toBuffer(sheets[1], { type: 'png', scale: 8, margin: 4 });
    await clerk.getByLabel('Photo of the sheet').setInputFiles({ name: 'sheet.png', mimeType: 'image/png', buffer: photo });
    await clerk.getByText(`Sheet ${sheets[1]} read.`).waitFor();
    assert.equal(await clerk.getByLabel('Sheet id').inputValue(), sheets[1]);
    await clerk.getByRole('button', { name: 'Save and next' }).click();
    await clerk.getByRole('alert').getByText(/This sheet was issued to another ward/).waitFor();
    await checkAccessibility(clerk, 'capture warning (phone)');
    await screenshot(clerk, 'capture-sheet-warning-phone');

    const api = await apiAs(users.lead);
    const page = await api('GET', `/api/items?outageId=${outage.id}&q=${encodeURIComponent(marker)}`);
    const typed = page.items.find((i) => i.summary === `${marker} typed`);
    const scanned = page.items.find((i) => i.summary === `${marker} photo`);
    assert.ok(typed && scanned, 'both lines were logged');
    assert.equal((await api('GET', `/api/items/${typed.id}`)).sheetId, sheets[0]);
    assert.equal((await api('GET', `/api/items/${scanned.id}`)).sheetId, sheets[1]);

    // The item page offers the note to paste into the clinical record, with a copy button.
    await leadContext.grantPermissions(['clipboard-read', 'clipboard-write']);
    await lead.goto(`${base}/items/${typed.id}`);
    await unlock(lead);
    await lead.getByRole('heading', { name: 'Retrospective-entry note' }).waitFor();
    const note = await lead.locator('#note-text').textContent();
    assert.match(note, /^Retrospective entry from downtime record /);
    await lead.getByRole('button', { name: 'Copy the note' }).click();
    await lead.getByRole('status').filter({ hasText: /Copied|The note is selected/ }).waitFor();
    await checkAccessibility(lead, 'item with its note (phone)');

    // The lead marks the first sheet complete with 5 entries, where 1 was logged: the mismatch shows.
    await lead.goto(`${base}/outages/${outage.id}`);
    await unlock(lead);
    await lead.getByRole('link', { name: 'Reconcile the paper sheets' }).click();
    await lead.getByRole('heading', { name: `Paper sheets of ${outage.reference}` }).waitFor();
    await checkAccessibility(lead, 'sheets (phone)');
    await lead.getByRole('button', { name: `Update ${sheets[0]}` }).click();
    const dialog = lead.getByRole('dialog');
    await dialog.getByLabel('Complete (came back filled in)').check();
    await dialog.getByLabel('Entries on the paper').fill('5');
    await checkAccessibility(lead, 'sheet update (phone)');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await lead.getByText(`Sheet ${sheets[0]}: Complete.`).waitFor();
    await lead.getByText(`${sheets[0]} (Ward 7): 5 entries declared on the paper, 1 logged.`).waitFor();
    await lead.getByText('Not every sheet is accounted for yet.').waitFor();

    // The third, never used, comes back blank.
    await lead.getByRole('button', { name: `Update ${sheets[2]}` }).click();
    await dialog.getByLabel('Returned unused').check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await lead.getByText(`Sheet ${sheets[2]}: Returned unused.`).waitFor();
    await checkAccessibility(lead, 'sheets reconciled (phone)');
    await screenshot(lead, 'sheets-phone');

    const reconciliation = await api('GET', `/api/outages/${outage.id}/sheets`);
    assert.deepEqual(reconciliation.mismatches.map((m) => [m.sheetId, m.declaredEntries, m.loggedEntries]), [[sheets[0], 5, 1]]);
    await leadContext.close();
    await clerkContext.close();
  });
});
