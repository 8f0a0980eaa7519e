import { describe, expect, it } from 'vitest';
import { isValidSheetId, normaliseSheetId, sheetCheckCharacter } from './sheetId';

// Ids the service made (SheetId.of) for several sites, packs and places.
const MADE_BY_THE_SERVICE = [
  'S-RGH-0000081-X', 'S-RGH-0000082-V', 'S-WARDB-00001Y8-2', 'S-UHW-00Y4G7Z-6', 'S-A1-0000RR3-P', 'S-RGH-ZZZZZR1-A',
];

describe('sheet ids', () => {
  it('accepts every id the service made', () => {
    for (const id of MADE_BY_THE_SERVICE) expect(isValidSheetId(id), id).toBe(true);
  });

  it('computes the same check character as the service', () => {
    expect(sheetCheckCharacter('RGH0000081')).toBe('X');
    expect(sheetCheckCharacter('WARDB00001Y8')).toBe('2');
  });

  it('refuses any single character typed wrong', () => {
    const id = 'S-RGH-0000081-X';
    for (let i = 0; i < id.length; i++) {
      if (id[i] === '-') continue;
      for (const c of '0123456789ABCDEFGHJKMNPQRSTVWXYZ') {
        if (c === id[i]) continue;
        const typo = id.slice(0, i) + c + id.slice(i + 1);
        expect(isValidSheetId(typo), typo).toBe(false);
      }
    }
  });

  it('refuses neighbours swapped', () => {
    expect(isValidSheetId('S-RGH-0000018-X')).toBe(false);
    expect(isValidSheetId('S-RHG-0000081-X')).toBe(false);
  });

  it('refuses what is not in the form of an id', () => {
    for (const text of ['', 'S-RGH-81-X', 'RGH-0000081-X', 'S-RGH-0000081', 'S-RGH-00000I1-X', 'S-RGH-0000081-XX']) {
      expect(isValidSheetId(text), text).toBe(false);
    }
  });

  it('reads an id typed in small letters with blanks around it', () => {
    expect(isValidSheetId(normaliseSheetId('  s-rgh-0000081-x '))).toBe(true);
  });
});
