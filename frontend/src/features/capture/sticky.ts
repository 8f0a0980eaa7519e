// Fields that stay from one form to the next while a clerk works through a stack of paper: which outage, where,
// which system, which paper batch, which sheet (a clerk enters every line of a sheet before the next). No patient
// data is kept here.

export interface StickyFields {
  outageId: string;
  site: string;
  ward: string;
  targetSystem: string;
  paperReference: string;
  sheetId: string;
}

const KEY = 'backlog.capture.sticky';
const EMPTY: StickyFields = { outageId: '', site: '', ward: '', targetSystem: '', paperReference: '', sheetId: '' };

export function loadSticky(): StickyFields {
  try {
    return { ...EMPTY, ...(JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<StickyFields>) };
  } catch {
    return EMPTY;
  }
}

export function saveSticky(fields: StickyFields): void {
  localStorage.setItem(KEY, JSON.stringify(fields));
}

export function forgetSticky(): void {
  localStorage.removeItem(KEY);
}
