import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import {
  base, checkAccessibility, fillForm, launch, launchWithCameraOn, PHONE, screenshot, seed, signIn, unique, unlock,
} from './support.mjs';

// From paper to record, the whole way: a pack printed, lines captured against two of its sheets (one id typed, one
// read by the phone's camera from the sheet's QR code), a sheet declared complete with a count that does not match,
// the mismatch seen, the outage signed off with a reason for each exception, and the report read.
describe('from paper to record', () => {
  let browser;
  let cameraBrowser;
  let users;
  before(async () => {
    browser = await launch();
    users = await seed('paper');
  });
  after(async () => {
    await cameraBrowser?.close();
    await browser?.close();
  });

  it('prints a pack, captures against two sheets (typed and by camera), reconciles, signs off and opens the report', async () => {
    const marker = `paper ${unique()}`;
    const outage = users.outage;

    // A team lead prints a pack of two medication charts for Ward 7.
    const leadContext = await browser.newContext({ ...PHONE, acceptDownloads: true });
    const lead = await leadContext.newPage();
    await signIn(lead, users.lead);
    await lead.getByRole('link', { name: 'Form packs' }).click();
    await lead.getByRole('heading', { name: 'Print a form pack' }).waitFor();
    await lead.getByLabel('Outage').selectOption({ label: `${outage.reference} ${outage.title}` });
    await lead.getByLabel('Site').selectOption('RXH');
    await lead.getByLabel('Ward').fill('Ward 7');
    await lead.getByRole('combobox', { name: /^Form/ }).selectOption('MEDICATION_ADMINISTRATION_RECORD');
    await lead.getByLabel('Number of sheets').fill('2');
    await lead.getByRole('button', { name: 'Make the pack' }).click();
    await lead.getByRole('status').filter({ hasText: /^Pack \d+ made: 2 sheets for Ward 7 at RXH\.$/ }).waitFor();
    const sheets = await lead.locator('.sheet-ids code').allTextContents();
    assert.equal(sheets.length, 2);

    // A clerk's phone whose camera sees the second sheet's QR code.
    cameraBrowser = await launchWithCameraOn(sheets[1]);
    const clerkContext = await cameraBrowser.newContext(PHONE);
    await clerkContext.grantPermissions(['camera'], { origin: base });
    const clerk = await clerkContext.newPage();
    await signIn(clerk, users.clerk);
    await clerk.getByRole('heading', { name: 'Capture a paper record' }).waitFor();

    // The first line: the sheet id typed from the paper.
    await fillForm(clerk, outage, { summary: `${marker} typed`, first: true });
    await clerk.getByLabel('Sheet id').fill(sheets[0]);
    await clerk.getByRole('button', { name: 'Save and next' }).click();
    const typedRef = (await clerk.getByText(/Saved as ITM-\d+/).textContent()).match(/ITM-\d+/)[0];

    // The second line: "Scan sheet" opens the camera, which reads the code and fills the id in.
    await fillForm(clerk, outage, { summary: `${marker} scanned`, nhs: '401 023 2137' });
    await clerk.getByLabel('Sheet id').fill('');
    await clerk.getByRole('button', { name: 'Scan sheet' }).click();
    await clerk.getByText(`Sheet ${sheets[1]} read.`).waitFor({ timeout: 15_000 });
    assert.equal(await clerk.getByLabel('Sheet id').inputValue(), sheets[1]);
    await checkAccessibility(clerk, 'capture after a scan (phone)');
    await clerk.getByRole('button', { name: 'Save and next' }).click();
    await clerk.getByText(/Saved as ITM-\d+/).filter({ hasNotText: typedRef }).waitFor();
    const scannedRef = (await clerk.getByText(/Saved as ITM-\d+/).textContent()).match(/ITM-\d+/)[0];
    assert.notEqual(scannedRef, typedRef);
    await clerkContext.close();

    // The first sheet comes back with 3 lines written on it, where 1 was logged: the mismatch shows.
    await lead.goto(`${base}/outages/${outage.id}/sheets`);
    await unlock(lead);
    await lead.getByRole('heading', { name: `Paper sheets of ${outage.reference}` }).waitFor();
    await lead.getByRole('button', { name: `Update ${sheets[0]}` }).click();
    const dialog = lead.getByRole('dialog');
    await dialog.getByLabel('Complete (came back filled in)').check();
    await dialog.getByLabel('Entries on the paper').fill('3');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await lead.getByText(`${sheets[0]} (Ward 7): 3 entries declared on the paper, 1 logged.`).waitFor();
    await lead.getByText('Not every sheet is accounted for yet.').waitFor();
    await checkAccessibility(lead, 'sheets with a mismatch (phone)');

    // The outage is closed, and the lead signs it off with a reason for each exception.
    await users.asLead('POST', `/api/outages/${outage.id}/close`, {});
    await lead.goto(`${base}/outages/${outage.id}`);
    await unlock(lead);
    await lead.getByRole('link', { name: 'Recovery report and sign-off' }).click();
    await lead.getByRole('heading', { name: `Recovery report ${outage.reference}` }).waitFor();
    await lead.getByText(`${sheets[0]}: count differs from the items logged`, { exact: false }).waitFor();
    await lead.getByText(`${sheets[1]}: not come back`, { exact: false }).waitFor();
    const reasons = {
      [typedRef]: 'Entered after sign-off by the night clerk',
      [scannedRef]: 'Entered after sign-off by the night clerk',
      [sheets[0]]: 'Two lines were struck through on the paper',
      [sheets[1]]: 'Chart still with the patient on Ward 7',
    };
    for (const [ref, reason] of Object.entries(reasons)) {
      await lead.getByLabel(`Reason for ${ref}`).fill(reason);
    }
    await lead.getByLabel('Statement').fill('Reconciled with the Ward 7 manager');
    await lead.getByRole('button', { name: 'Sign off', exact: true }).click();
    await lead.getByText(/Signed off by Lead paper \(lead-paper\)/).waitFor();
    await lead.getByText(`${sheets[0]}: Two lines were struck through on the paper`).waitFor();
    await checkAccessibility(lead, 'report signed off (phone)');
    await screenshot(lead, 'paper-to-record-report-phone');

    // The report, opened again, holds the reconciliation and the sign-off; its PDF downloads.
    await lead.reload();
    await unlock(lead);
    await lead.getByRole('heading', { name: `Recovery report ${outage.reference}` }).waitFor();
    await lead.getByText(/Signed off by Lead paper/).waitFor();
    await lead.getByRole('heading', { name: 'Due times by priority band' }).waitFor();
    const [pdf] = await Promise.all([
      lead.waitForEvent('download'),
      lead.getByRole('button', { name: 'Download the report (PDF)' }).click(),
    ]);
    assert.equal((await readFile(await pdf.path())).subarray(0, 5).toString('latin1'), '%PDF-');
    const report = await users.asLead('GET', `/api/outages/${outage.id}/report`);
    assert.deepEqual(report.sheets.mismatches.map((m) => [m.sheetId, m.declaredEntries, m.loggedEntries]),
      [[sheets[0], 3, 1]]);
    assert.deepEqual(report.signOff.exceptions.map((e) => `${e.ref} ${e.kind}`).sort(), [
      `${typedRef} OPEN_ITEM`, `${scannedRef} OPEN_ITEM`, `${sheets[0]} SHEET_MISMATCH`, `${sheets[1]} SHEET_OUT`,
    ].sort());
    await leadContext.close();
  });
});
