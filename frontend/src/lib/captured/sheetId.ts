// Sheet ids, as printed on a downtime form pack: S-<site>-<serial>-<check>, for example S-RGH-0000081-X. The site
// code without dashes, a seven-character serial in Crockford's base 32, and one check character by ISO/IEC 7064
// MOD 37,36 over the site and serial written together. The service checks the same (custody/SheetId.java).

const CHARACTERS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const FORM = /^S-([A-Z0-9]{1,32})-([0-9A-HJKMNP-TV-Z]{7})-([0-9A-Z])$/;

/** The longest sheet id: S-, a site of up to 32, -, seven, -, one. */
export const SHEET_ID_MAX = 44;

/** An id as a person may type or a code may read it: surrounding blanks dropped, letters in capitals. */
export function normaliseSheetId(typed: string): string {
  return typed.trim().toUpperCase();
}

/** ISO/IEC 7064 MOD 37,36 check character of digits and capital letters. */
export function sheetCheckCharacter(payload: string): string {
  let product = 36;
  for (const c of payload) {
    const value = CHARACTERS.indexOf(c);
    if (value < 0) throw new Error('only digits and capital letters are checked');
    const sum = (product + value) % 36;
    product = ((sum === 0 ? 36 : sum) * 2) % 37;
  }
  return CHARACTERS.charAt((37 - product) % 36);
}

/** Whether the text (already normalised) is a sheet id whose check character matches the rest. */
export function isValidSheetId(id: string): boolean {
  const parts = FORM.exec(id);
  return parts !== null && sheetCheckCharacter(parts[1]! + parts[2]!) === parts[3];
}
