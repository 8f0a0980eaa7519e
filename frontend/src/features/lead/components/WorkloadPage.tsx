import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { peopleQuery } from '../../../lib/api/people';
import { number } from '../../../lib/i18n/format';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { workloadQuery } from '../api';

/** Who is doing what: items held now, entered and verified today. */
export default function WorkloadPage() {
  const { t } = useTranslation();
  const workload = useQuery(workloadQuery);
  const people = useQuery(peopleQuery());
  const names = new Map((people.data ?? []).map((p) => [p.username, p.displayName]));
  return (
    <section aria-labelledby="workload-title">
      <h1 id="workload-title">{t('workload.title')}</h1>
      {workload.isError ? <ProblemAlert problem={toProblem(workload.error, t('errors.offline'))} /> : null}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('workload.title')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('workload.person')}</th>
              <th scope="col">{t('workload.assigned')}</th>
              <th scope="col">{t('workload.entered')}</th>
              <th scope="col">{t('workload.verified')}</th>
            </tr>
          </thead>
          <tbody>
            {(workload.data ?? []).map((w) => (
              <tr key={w.username}>
                <th scope="row">{names.get(w.username) ?? w.username}</th>
                <td>{number(w.assigned)}</td>
                <td>{number(w.enteredToday)}</td>
                <td>{number(w.verifiedToday)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {workload.data && workload.data.length === 0 ? <p>{t('workload.none')}</p> : null}
    </section>
  );
}
