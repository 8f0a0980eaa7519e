// Keeps the folders honest: a feature never imports another feature (or the shell), and shared code never imports
// features or the shell. What two features share belongs in lib/, or is put together in app/.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|js|jsx|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module a file imports: static, re-exported, side-effect and dynamic imports. */
function specifiers(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** The top of `src/` a path lies in: 'app', 'lib', 'features/<name>', or another folder. */
function area(path: string): string {
  const [top, next] = relative(SRC, path).split(sep);
  return top === 'features' && next ? `features/${next}` : top ?? '';
}

function violations(root: string, allowed: (from: string, to: string) => boolean): string[] {
  return sources(join(SRC, root)).flatMap((file) => specifiers(file)
    .filter((s) => s.startsWith('.'))
    .map((s) => ({ s, to: area(resolve(dirname(file), s)) }))
    .filter(({ to }) => !allowed(area(file), to))
    .map(({ s, to }) => `${relative(SRC, file)} imports '${s}' (in ${to})`));
}

describe('folder boundaries', () => {
  it('finds the features and their files', () => {
    const features = readdirSync(join(SRC, 'features'));
    expect(features.length).toBeGreaterThan(3);
    expect(sources(join(SRC, 'features')).length).toBeGreaterThan(features.length);
  });

  it('a feature imports only itself and lib/', () => {
    const found = violations('features', (from, to) => to === from || (to !== 'app' && !to.startsWith('features/')));
    expect(found).toEqual([]);
  });

  it('lib/ imports neither features nor app/', () => {
    const found = violations('lib', (_from, to) => to !== 'app' && !to.startsWith('features/'));
    expect(found).toEqual([]);
  });
});
