// What the browser tests share: the service's address, seeding through the API, Chromium, sign-in and axe.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const base = process.env.E2E_BASE_URL;
const screenshots = process.env.E2E_SCREENSHOTS;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const PASSWORD = 'e2e-Password-123';

// A UK hospital's devices: British English and UK time.
const UK = { locale: 'en-GB', timezoneId: 'Europe/London' };
export const PHONE = { ...UK, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const DESKTOP = { ...UK, viewport: { width: 1280, height: 900 } };

/** Calls the API as a user (password sign-in), failing loudly on any error answer. */
export async function apiAs(username, password = PASSWORD) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  assert.equal(login.status, 200, `sign-in of ${username}`);
  const { access_token: token } = await login.json();
  return async (method, path, body, headers = {}) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

let seeded = null;

/**
 * Users and outages for the tests, made once per service run (the tests share one database). Names carry a
 * run-unique suffix so each test file can make its own.
 */
export async function seed(tag) {
  const admin = await apiAs('admin', process.env.E2E_ADMIN_PASSWORD);
  const user = async (name, roles, targetSystems) => {
    const username = `${name}-${tag}`.toLowerCase();
    await admin('POST', '/api/users', {
      username, displayName: `${name} ${tag}`, password: PASSWORD, roles, sites: ['RXH'], targetSystems, enabled: true,
    });
    return username;
  };
  const lead = await user('Lead', ['TEAM_LEAD', 'CLERK'], ['EPR', 'LIMS']);
  const clerk = await user('Clerk', ['CLERK'], ['EPR', 'LIMS']);
  const checker = await user('Checker', ['CLERK'], ['EPR', 'LIMS']);
  const asLead = await apiAs(lead);
  const outage = await asLead('POST', '/api/outages', {
    title: `EPR and LIMS down ${tag}`, sites: ['RXH'], systems: ['EPR', 'LIMS'],
    startedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
  });
  seeded = { lead, clerk, checker, outage, asLead };
  return seeded;
}

export async function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/**
 * A Chromium whose camera films a QR code of {@code text}: Chromium's fake capture device plays a Y4M file, written
 * here from the code's modules (black on white, 4:2:0, 640x480), and grants the page the camera without asking.
 */
export async function launchWithCameraOn(text, file = join(screenshots, '..', 'camera.y4m')) {
  const { default: QRCode } = await import('qrcode');
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const width = 640;
  const height = 480;
  const scale = Math.floor(Math.min(width, height) / (modules.size + 8));
  const left = Math.floor((width - modules.size * scale) / 2);
  const top = Math.floor((height - modules.size * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < modules.size * scale; y++) {
    for (let x = 0; x < modules.size * scale; x++) {
      if (modules.get(Math.floor(y / scale), Math.floor(x / scale))) luma[(top + y) * width + left + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, frame, frame, frame]));
  return launch(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${file}`]);
}

export async function signIn(page, username, password = PASSWORD) {
  await page.goto(`${base}/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: /Sign out|Allgofnodi/ }).waitFor();
}

/** A reload or an idle spell locks the app: the same person types their password to carry on. */
export async function unlock(page, password = PASSWORD) {
  await page.getByRole('heading', { name: /^(Locked|Wedi’i chloi)$/ }).waitFor();
  await page.getByLabel(/^(Password|Cyfrinair)/).fill(password);
  await page.getByRole('button', { name: /^(Unlock|Datgloi)$/ }).click();
  await page.getByRole('button', { name: /Sign out|Allgofnodi/ }).waitFor();
}

/** Everything the app keeps in IndexedDB on this device, as text: what someone holding the phone could read. */
export async function deviceStorage(page) {
  return page.evaluate(() => new Promise((res) => {
    const open = indexedDB.open('downtime-backlog');
    open.onsuccess = () => {
      const all = open.result.transaction('outbox').objectStore('outbox').getAll();
      all.onsuccess = () => res(JSON.stringify(all.result));
    };
  }));
}

/** Runs axe-core on the page as it is now; fails on any serious or critical violation. */
export async function checkAccessibility(page, name) {
  // Evaluated through the debugging protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious, [], `accessibility of ${name}`);
  // Reflow (WCAG 1.4.10): the page fits the screen's width; wide tables scroll inside their own region.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `${name} is ${overflow}px wider than the screen`);
  return result;
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

export function unique() {
  return Math.random().toString(36).slice(2, 8);
}

/** Asks until the answer satisfies the check (the UI works in the background), for up to `seconds`. */
export async function poll(ask, check, seconds = 20) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const answer = await ask();
    if (check(answer)) return answer;
    if (Date.now() > deadline) return answer;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Fills one paper record's form; the outage, site and system are chosen on the first form only (they stay). */
export async function fillForm(page, outage, { summary, nhs = '943 476 5919', first = false }) {
  if (first) {
    await page.getByLabel('Outage').selectOption({ label: `${outage.reference} ${outage.title}` });
    await page.getByLabel('Site').selectOption('RXH');
    await page.getByLabel('Ward').fill('Ward 7');
    await page.getByLabel(/^System/).selectOption('EPR');
  }
  await page.getByLabel('NHS number').fill(nhs);
  await page.getByLabel('Patient is').selectOption('INPATIENT');
  await page.getByLabel('Kind of record').selectOption('OBSERVATIONS');
  await page.getByLabel('Recorded by').fill('Nurse Jones');
  await page.getByLabel('What was done').fill(summary);
}

/** A valid item for the API, with the given fields changed. */
export function itemBody(outage, fields = {}) {
  return {
    outageId: outage.id, site: 'RXH', ward: 'Ward 3', category: 'OBSERVATIONS', targetSystem: 'EPR',
    patient: { nhsNumber: '9434765919', localId: null, name: null, dateOfBirth: null },
    occurredAt: new Date(Date.now() - 3600_000).toISOString(), recordedBy: 'Nurse Jones', paperReference: null,
    summary: 'obs', details: null, highRisk: false, patientStatus: 'INPATIENT', ...fields,
  };
}
