// NHS numbers: ten digits, the last a modulus 11 check digit. Shown 3-3-4 ("943 476 5919").

export function nhsDigits(value: string): string {
  return value.replace(/\D/g, '').slice(0, 10);
}

/** Formats what has been typed so far as 3-3-4. */
export function formatNhs(value: string): string {
  const d = nhsDigits(value);
  return [d.slice(0, 3), d.slice(3, 6), d.slice(6)].filter((part) => part.length > 0).join(' ');
}

export function isValidNhs(value: string): boolean {
  const d = nhsDigits(value);
  if (d.length !== 10 || value.replace(/[\s-]/g, '').length !== 10) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(d[9]);
}
