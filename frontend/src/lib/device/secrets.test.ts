import { describe, expect, it } from 'vitest';
import { PBKDF2_ITERATIONS } from './config';
import { deriveSecrets, open, randomSalt, sameVerifier, seal } from './secrets';

describe('device secrets', () => {
  it('the verifier accepts the right password and refuses a wrong one', async () => {
    const salt = randomSalt();
    const stored = await deriveSecrets('correct horse battery', salt, PBKDF2_ITERATIONS);
    expect(sameVerifier((await deriveSecrets('correct horse battery', salt, PBKDF2_ITERATIONS)).verifier, stored.verifier)).toBe(true);
    expect(sameVerifier((await deriveSecrets('correct horse batterz', salt, PBKDF2_ITERATIONS)).verifier, stored.verifier)).toBe(false);
    expect(stored.verifier).not.toContain('correct');
  });

  it('seals with a fresh IV, holds no plaintext, and opens only with the same key and context', async () => {
    const salt = randomSalt();
    const { key } = await deriveSecrets('pw-1', salt, 1000);
    const value = { nhsNumber: '9434765919', name: 'Jane Patient' };
    const a = await seal(key, value, 'k1|clerk1');
    const b = await seal(key, value, 'k1|clerk1');
    expect(a.iv).not.toBe(b.iv);
    const raw = JSON.stringify(a);
    expect(raw).not.toContain('9434765919');
    expect(raw).not.toContain('Jane Patient');
    expect(await open(key, a, 'k1|clerk1')).toEqual(value);
    await expect(open(key, a, 'k1|clerk2')).rejects.toThrow();
    const other = (await deriveSecrets('pw-2', salt, 1000)).key;
    await expect(open(other, a, 'k1|clerk1')).rejects.toThrow();
  });
});
