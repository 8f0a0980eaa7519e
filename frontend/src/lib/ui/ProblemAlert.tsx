import { useTranslation } from 'react-i18next';
import { ApiError, otherViolations, type Problem } from '../api/problem';

/** A problem from the service, or the form's own summary of errors, above the form. */
export function ProblemAlert({ problem, shownFields = [] }: { problem: Problem | null; shownFields?: readonly string[] }) {
  const { t } = useTranslation();
  if (!problem) return null;
  const others = otherViolations(problem, shownFields);
  const beside = (problem.violations ?? []).length - others.length;
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{problem.detail ?? problem.title}</p>
      {beside > 0 ? <p>{t('errors.seeFields', { count: beside })}</p> : null}
      {others.length > 0 ? (
        <ul>
          {others.map((v) => <li key={v.field}><code>{v.field}</code>: {v.message}</li>)}
        </ul>
      ) : null}
    </div>
  );
}

/** Turns whatever a call threw into a problem to show. */
export function toProblem(error: unknown, offlineText: string): Problem {
  if (error instanceof ApiError) {
    if (error.offline) return { title: offlineText, status: 0 };
    return error.problem ?? { title: error.message, status: error.status };
  }
  return { title: error instanceof Error ? error.message : String(error), status: 0 };
}
