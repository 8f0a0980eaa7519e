import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dateTime, number } from '../../../lib/i18n/format';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { importsQuery } from '../api';

/** The outage's other imports, newest first; each opens where it stands (mapping, progress or result). */
export function EarlierImports({ outageId, current }: { outageId: number; current: number | null }) {
  const { t } = useTranslation();
  const list = useQuery(importsQuery(outageId));
  const others = (list.data ?? []).filter((i) => i.id !== current && i.status !== 'DISCARDED');
  // Beside an import on screen, a list with nothing else in it says nothing.
  if (current !== null && others.length === 0) return null;

  return (
    <section aria-labelledby="earlier-title">
      <h2 id="earlier-title">{t('imports.earlier')}</h2>
      {list.isError ? <ProblemAlert problem={toProblem(list.error, t('errors.offline'))} /> : null}
      {list.data && others.length === 0 ? <p>{t('imports.none')}</p> : null}
      <ul className="cards">
        {others.map((i) => (
          <li key={i.id} className="card">
            <p><Link to={`/imports?outageId=${outageId}&id=${i.id}`}>{i.fileName}</Link> · #{i.id} · {t(`imports.status.${i.status}`)}</p>
            <p className="muted">{t('imports.by', { at: dateTime(i.createdAt), who: i.createdBy })}</p>
            {i.startedAt ? (
              <p>{t('imports.counts', { stored: number(i.rowsStored), already: number(i.rowsAlreadyImported), refused: number(i.rowsRefused) })}</p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
