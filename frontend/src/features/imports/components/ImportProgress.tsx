import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportResponse } from '../../../lib/api/types';
import { number } from '../../../lib/i18n/format';
import { RefusedRowsButton } from './RefusedRowsButton';

/** An import the service is running or has run: how far it has got, and what became of the rows. */
export function ImportProgress({ upload }: { upload: ImportResponse }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const total = upload.totalRows ?? 0;
  const finished = upload.status === 'DONE' || upload.status === 'FAILED';

  return (
    <>
      <h2 ref={heading} tabIndex={-1}>{t('imports.progressTitle', { name: upload.fileName })}</h2>
      <p role="status"><strong>{t(`imports.status.${upload.status}`)}</strong></p>
      <div className="field">
        <label htmlFor="import-progress">{t('imports.progress')}</label>
        <progress id="import-progress" value={upload.rowsDone} max={Math.max(total, 1)} />
        <p>{t('imports.rowsDone', { done: number(upload.rowsDone), total: number(total) })}</p>
      </div>
      <dl className="figures">
        <div><dt>{t('imports.stored')}</dt><dd>{number(upload.rowsStored)}</dd></div>
        <div><dt>{t('imports.alreadyImported')}</dt><dd>{number(upload.rowsAlreadyImported)}</dd></div>
        <div><dt>{t('imports.refused')}</dt><dd>{number(upload.rowsRefused)}</dd></div>
      </dl>
      {upload.status === 'FAILED' ? (
        <div className="alert alert-error" role="alert"><p>{t('imports.failed', { reason: upload.failure ?? '' })}</p></div>
      ) : null}
      {finished && upload.rowsRefused > 0 ? <RefusedRowsButton upload={upload} /> : null}
      {finished ? (
        <p className="actions">
          <Link to={`/items?outageId=${upload.outageId}`}>{t('imports.backToBacklog')}</Link>
          <Link to={`/imports?outageId=${upload.outageId}`}>{t('imports.another')}</Link>
        </p>
      ) : null}
    </>
  );
}
