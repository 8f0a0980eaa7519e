import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cy } from './cy';
import { en } from './en';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

/** A key without its plural suffix: Welsh has more plural forms than English. */
function base(key: string): string {
  return key.replace(/_(zero|one|two|few|many|other)$/, '');
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.includes('.test.') ? [path] : [];
  });
}

describe('messages', () => {
  it('Welsh has every English message and no others', () => {
    expect([...new Set(keys(cy).map(base))].sort()).toEqual([...new Set(keys(en).map(base))].sort());
  });

  it('every fixed key the code asks for exists', () => {
    const known = new Set(keys(en).map(base));
    const used = sources(join(dirname(fileURLToPath(import.meta.url)), '..', '..')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((k) => !known.has(k))).toEqual([]);
  });
});
