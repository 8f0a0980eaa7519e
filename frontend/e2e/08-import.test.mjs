import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { apiAs, base, checkAccessibility, DESKTOP, launch, PHONE, screenshot, seed, signIn, unique, unlock } from './support.mjs';

/** A ward's drug chart typed into a spreadsheet: three good rows, a wrong NHS number, and a row with no medication. */
function drugChart(marker) {
  const at = (hoursAgo) => new Date(Date.now() - hoursAgo * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  return [
    'Ward,NHS number,Hospital number,Patient name,Time given,Given by,Medication,High risk,Patient status,Sheet',
    `Ward 7,943 476 5919,,Ann Jones,${at(2)},Nurse Jones,${marker} Paracetamol 1 g,no,inpatient,S-1`,
    `Ward 7,485 777 3457,,Bob Smith,${at(2)},Nurse Jones,${marker} Morphine 10 mg,yes,Inpatient,S-2`,
    `Ward 7,,RXH123456,Cai Evans,${at(1)},Nurse Price,${marker} Gentamicin 80 mg,yes,INPATIENT,S-3`,
    `Ward 7,943 476 5918,,Dai Hughes,${at(1)},Nurse Price,${marker} Codeine 30 mg,no,inpatient,S-4`,
    `Ward 7,485 777 3457,,Bob Smith,${at(1)},Nurse Price,,no,inpatient,S-5`,
  ].join('\r\n') + '\r\n';
}

/** The figure shown under a label on the import's page. */
async function figure(page, label) {
  return (await page.locator('dl.figures > div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd').textContent()).trim();
}

describe('CSV import', () => {
  let browser;
  let users;
  let marker;
  let file;
  before(async () => {
    browser = await launch();
    users = await seed('import');
    marker = `import ${unique()}`;
    file = { name: 'ward7-drug-chart.csv', mimeType: 'text/csv', buffer: Buffer.from(drugChart(marker), 'utf8') };
  });
  after(() => browser?.close());

  it('imports a drug chart from the backlog on a phone, and hands back the refused rows', async () => {
    const context = await browser.newContext({ ...PHONE, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, users.lead);
    await page.getByRole('link', { name: 'Backlog', exact: true }).click();
    await page.getByRole('heading', { name: 'Backlog' }).waitFor();
    await page.getByLabel('Outage', { exact: true }).selectOption(String(users.outage.id));
    await page.getByRole('link', { name: 'Import CSV' }).click();

    // 1. The file.
    await page.getByRole('heading', { name: 'Import a spreadsheet' }).waitFor();
    assert.ok(page.url().endsWith(`/imports?outageId=${users.outage.id}`), page.url());
    await page.getByText(`${users.outage.reference} ${users.outage.title}`).waitFor();
    await checkAccessibility(page, 'import: choose the file (phone)');
    await page.getByLabel('CSV file').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload and read the file' }).click();

    // 2. The columns, as the service suggests from their names; what the file lacks, one value for every row.
    await page.getByRole('heading', { name: 'Match the columns' }).waitFor();
    await page.getByText('ward7-drug-chart.csv: 5 rows.').waitFor();
    const suggested = {
      Ward: 'ward', 'NHS number': 'patient.nhsNumber', 'Hospital number': 'patient.localId', 'Patient name': 'patient.name',
      'Time given': 'occurredAt', 'Given by': 'recordedBy', Medication: 'summary', 'High risk': 'highRisk',
      'Patient status': 'patientStatus', Sheet: 'paperReference',
    };
    for (const [column, field] of Object.entries(suggested)) {
      assert.equal(await page.getByLabel(column, { exact: true }).inputValue(), field, `column ${column}`);
    }
    const fixed = page.getByRole('group', { name: 'The same for every row' });
    await fixed.getByLabel('Site').selectOption('RXH');
    await fixed.getByLabel('System').selectOption('EPR');
    await fixed.getByLabel('Kind of record').selectOption('MEDICATION_ADMINISTRATION');
    await page.getByLabel(/^Column that identifies a row/).selectOption('Sheet');
    await checkAccessibility(page, 'import: mapping (phone)');
    await screenshot(page, 'import-mapping-phone');

    // 3. The first rows, each with its outcome and what is wrong with it.
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'The first rows' });
    await preview.waitFor();
    await page.getByText('Of the first 5 rows: 3 to store, 0 already imported, 0 repeated in the file, 2 refused.').waitFor();
    for (const row of [2, 3, 4]) assert.match(await preview.getByRole('row').nth(row - 1).textContent(), new RegExp(`^${row}To store`));
    assert.match(await preview.getByRole('row').nth(4).textContent(), /^5Refused.*NHS number/);
    assert.match(await preview.getByRole('row').nth(5).textContent(), /^6Refused.*Medication/);
    assert.match(await preview.getByRole('row').nth(1).textContent(), /Ann Jones/);
    await checkAccessibility(page, 'import: preview (phone)');
    await screenshot(page, 'import-preview-phone');

    // 4. The import, followed to its end.
    await page.getByLabel(/^Save this mapping as/).fill(`Ward drug chart ${marker}`);
    await page.getByRole('button', { name: 'Import 5 rows' }).click();
    await page.getByRole('heading', { name: 'Import of ward7-drug-chart.csv' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Finished' }).waitFor({ timeout: 60_000 });
    const progress = page.getByRole('progressbar', { name: 'Rows imported' });
    assert.equal(await progress.getAttribute('value'), '5');
    assert.equal(await progress.getAttribute('max'), '5');
    assert.equal(await figure(page, 'Stored as items'), '3');
    assert.equal(await figure(page, 'Already imported'), '0');
    assert.equal(await figure(page, 'Refused'), '2');
    await checkAccessibility(page, 'import: finished (phone)');
    await screenshot(page, 'import-done-phone');

    // 5. The refused rows, with the reason for each, to correct and import again.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download refused rows' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'ward7-drug-chart-refused.csv');
    const refused = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const columns = refused[0].split(',');
    for (const name of ['Ward', 'NHS number', 'Medication', 'row', 'reason']) assert.ok(columns.includes(name), `${name} in ${refused[0]}`);
    assert.equal(refused.length, 3, refused.join('\n'));
    assert.ok(refused.some((line) => line.includes('943 476 5918') && line.includes('Dai Hughes')), refused.join('\n'));
    assert.ok(refused.some((line) => line.includes('S-5')), refused.join('\n'));

    // The good rows are items of the outage, logged by the lead.
    const items = await users.asLead('GET', `/api/items?outageId=${users.outage.id}&q=${encodeURIComponent(marker)}&size=50`);
    assert.deepEqual(items.items.map((i) => i.summary).sort(),
      [`${marker} Gentamicin 80 mg`, `${marker} Morphine 10 mg`, `${marker} Paracetamol 1 g`]);
    for (const item of items.items) {
      assert.equal(item.targetSystem, 'EPR');
      assert.equal(item.category, 'MEDICATION_ADMINISTRATION');
    }

    await page.getByRole('link', { name: 'Back to the backlog' }).click();
    await page.getByRole('heading', { name: 'Backlog' }).waitFor();
    await page.getByRole('cell', { name: 'EPR' }).first().waitFor();
    await context.close();
  });

  it('recognises the same file when it comes again, from the saved mapping', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, users.lead);
    await page.goto(`${base}/imports?outageId=${users.outage.id}`);
    await unlock(page);

    // The earlier import opens where it ended.
    const earlier = page.getByRole('region', { name: 'Imports into this outage' });
    await earlier.getByRole('link', { name: 'ward7-drug-chart.csv' }).click();
    await page.getByRole('status').filter({ hasText: 'Finished' }).waitFor();
    await checkAccessibility(page, 'import: an earlier import (desktop)');
    await page.getByRole('link', { name: 'Import another file' }).click();

    await page.getByLabel('CSV file').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload and read the file' }).click();
    await page.getByRole('heading', { name: 'Match the columns' }).waitFor();
    await page.getByText('This file has been imported into this outage before').waitFor();
    await page.getByText(`Filled in from the saved mapping “Ward drug chart ${marker}”`).waitFor();
    assert.equal(await page.getByLabel(/^Column that identifies a row/).inputValue(), 'Sheet');
    const fixed = page.getByRole('group', { name: 'The same for every row' });
    assert.equal(await fixed.getByLabel('Site').inputValue(), 'RXH');
    assert.equal(await fixed.getByLabel('System').inputValue(), 'EPR');
    assert.equal(await fixed.getByLabel('Kind of record').inputValue(), 'MEDICATION_ADMINISTRATION');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('Of the first 5 rows: 0 to store, 3 already imported, 0 repeated in the file, 2 refused.').waitFor();
    await checkAccessibility(page, 'import: the same file again (desktop)');
    await screenshot(page, 'import-again-desktop');

    await page.getByRole('button', { name: 'Discard this upload' }).click();
    await page.getByLabel('CSV file').waitFor();
    const imports = await users.asLead('GET', `/api/imports?outageId=${users.outage.id}`);
    assert.equal(imports.filter((i) => i.status === 'DONE').length, 1);
    assert.ok(!imports.some((i) => i.status === 'UPLOADED'), 'the second upload is discarded');
    await context.close();
  });
});
