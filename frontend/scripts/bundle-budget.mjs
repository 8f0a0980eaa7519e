// Fails the build when the JavaScript a first visit loads (the entry and what it preloads) exceeds the budget,
// gzipped. Pages loaded on demand are not counted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 200;
const dir = process.argv[2] ?? 'target/classes/public';
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)]
  .map((m) => m[1]);
if (scripts.length === 0) {
  console.error('bundle budget: no script found in index.html');
  process.exit(1);
}
let total = 0;
for (const src of new Set(scripts)) {
  const size = gzipSync(readFileSync(join(dir, src.replace(/^\//, '')))).length;
  total += size;
  console.log(`  ${src}: ${(size / 1024).toFixed(1)} KB gzipped`);
}
const kb = total / 1024;
console.log(`bundle budget: initial JavaScript ${kb.toFixed(1)} KB gzipped of ${BUDGET_KB} KB`);
if (kb > BUDGET_KB) {
  console.error('bundle budget exceeded');
  process.exit(1);
}
