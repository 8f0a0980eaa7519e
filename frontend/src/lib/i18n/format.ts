// Dates, times and numbers in the reader's language: en-GB or cy, always on UK time (the hospital's clock).

import i18n from 'i18next';

const TIME_ZONE = 'Europe/London';

function locale(): string {
  return i18n.language === 'cy' ? 'cy' : 'en-GB';
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE })
    .format(new Date(iso));
}

export function date(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  // A date of birth has no time zone: read it as a calendar date.
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' })
    .format(new Date(`${isoDate}T00:00:00Z`));
}

export function hour(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE })
    .format(new Date(iso));
}

export function number(value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: fractionDigits }).format(value);
}

/** The value of a datetime-local input for an instant, in the device's time zone. */
export function toLocalInput(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** An ISO instant from a datetime-local input's value, or null when it is empty or not a time. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}
