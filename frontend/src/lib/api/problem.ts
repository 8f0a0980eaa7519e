// RFC 9457 problem details as the service writes them: `violations` name each bad field by its JSON path.

import type { Violation } from './types';

export type { Violation };

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  violations?: Violation[];
  [extra: string]: unknown;
}

/** An answer from the service that was not a success, or no answer at all (`offline`). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  readonly offline: boolean;

  constructor(status: number, problem: Problem | null, offline = false) {
    super(problem?.detail ?? problem?.title ?? (offline ? 'offline' : `HTTP ${status}`));
    this.status = status;
    this.problem = problem;
    this.offline = offline;
  }

  static offline(): ApiError {
    return new ApiError(0, null, true);
  }
}

/** The messages of a problem by field path, e.g. {"patient.nhsNumber": "..."}. */
export function fieldErrors(problem: Problem | null | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const v of problem?.violations ?? []) {
    errors[v.field] = errors[v.field] ? `${errors[v.field]}; ${v.message}` : v.message;
  }
  return errors;
}

/** Violations whose field is not one of the given fields: shown above the form rather than beside a field. */
export function otherViolations(problem: Problem | null | undefined, shownFields: readonly string[]): Violation[] {
  return (problem?.violations ?? []).filter((v) => !shownFields.includes(v.field));
}

export async function readProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      return (await response.json()) as Problem;
    } catch {
      // fall through: a broken body is described by its status alone
    }
  }
  return { title: response.statusText || `HTTP ${response.status}`, status: response.status };
}
