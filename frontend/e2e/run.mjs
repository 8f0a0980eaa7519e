// Browser tests: starts the built service jar on a fresh embedded database, seeds users and outages through the
// API, runs the *.test.mjs files against it in headless Chromium, then stops the service.
//   node e2e/run.mjs [path/to/downtime-backlog.jar]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const jar = resolve(process.argv[2] ?? join(here, '../../backend/target/downtime-backlog.jar'));
const work = join(here, '../target/e2e');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(jar)) fail(`no service jar at ${jar}: build it first (mvn -B -DskipTests package)`);
if (!existsSync(chromium)) fail(`no Chromium at ${chromium}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);

function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(1);
}

function freePort() {
  return new Promise((res, rej) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
    server.on('error', rej);
  });
}

rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'screenshots'), { recursive: true });
const port = await freePort();
const base = `http://localhost:${port}`;
const adminPassword = 'e2e-Admin-password-1';
const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
const service = spawn(java, ['-jar', jar], {
  env: {
    ...process.env,
    BACKLOG_DATA_DIR: join(work, 'data'),
    MICRONAUT_SERVER_PORT: String(port),
    BACKLOG_ADMIN_PASSWORD: adminPassword,
    BACKLOG_PASSWORD_COST: '4',
    // P1 due 5 s after entering the queue, so that a test can see a breach (11-due); the other bands as shipped
    BACKLOG_PRIORITY_DUE_WITHIN: '5s,8h,24h,72h',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
const log = [];
service.stdout.on('data', (d) => log.push(d.toString()));
service.stderr.on('data', (d) => log.push(d.toString()));
let exited = false;
service.on('exit', () => {
  exited = true;
});

async function stop() {
  if (exited) return;
  service.kill('SIGTERM');
  for (let i = 0; i < 100 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
  if (!exited) service.kill('SIGKILL');
}

let status = 1;
try {
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (exited) throw new Error('the service stopped while starting');
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the service did not start within 4 minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`e2e: service up at ${base}`);
  // E2E_ONLY=09 runs only the files whose names contain it.
  const only = process.env.E2E_ONLY ?? '';
  const files = readdirSync(here).filter((f) => f.endsWith('.test.mjs') && f.includes(only)).sort()
    .map((f) => join(here, f));
  const run = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
    stdio: 'inherit',
    env: { ...process.env, E2E_BASE_URL: base, E2E_ADMIN_PASSWORD: adminPassword, E2E_SCREENSHOTS: join(work, 'screenshots'), CHROMIUM_PATH: chromium },
  });
  status = run.status ?? 1;
} catch (e) {
  console.error(`e2e: ${e.message}`);
  console.error(log.join('').split('\n').slice(-60).join('\n'));
} finally {
  await stop();
}
if (status !== 0) console.error('e2e: browser tests failed; screenshots are in frontend/target/e2e/screenshots');
process.exit(status);
