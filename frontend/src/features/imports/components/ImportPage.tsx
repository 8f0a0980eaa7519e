import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useOutages } from '../../../lib/api/outages';
import type { Me, Outage } from '../../../lib/api/types';
import { Field } from '../../../lib/ui/Field';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { useImport } from '../api';
import { DiscardButton } from './DiscardButton';
import { EarlierImports } from './EarlierImports';
import { FileUpload } from './FileUpload';
import { ImportProgress } from './ImportProgress';
import { MappingForm } from './MappingForm';

/** A positive whole number from the address, or null. */
function idParam(value: string | null): number | null {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : null;
}

/**
 * Imports a spreadsheet (CSV) of paper records into an outage, for team leads: choose the file, map its columns,
 * preview, import, and read what became of each row. The outage and the import are in the address
 * (/imports?outageId=4&id=12), so the page can be left and opened again where the import stands.
 */
export default function ImportPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const outages = useOutages();
  const outageId = idParam(params.get('outageId'));
  const id = idParam(params.get('id'));
  const outage = outages.data?.find((o) => o.id === outageId);
  const show = (next: { outageId: number | null; id?: number }) => {
    const search = new URLSearchParams();
    if (next.outageId) search.set('outageId', String(next.outageId));
    if (next.id) search.set('id', String(next.id));
    setParams(search);
  };

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">{t('imports.title')}</h1>
      <p>{t('imports.intro')}</p>
      {outageId && outage ? <p><strong>{t('fields.outage')}:</strong> {outage.reference} {outage.title}</p> : null}
      {outageId ? null : (
        <Field id="import-outage" label={t('fields.outage')} hint={t('imports.chooseOutage')}>
          <select value="" onChange={(e) => show({ outageId: idParam(e.target.value) })}>
            <option value="">{t('common.choose')}</option>
            {(outages.data ?? []).filter((o) => o.status === 'OPEN').map((o) => <option key={o.id} value={o.id}>{o.reference} {o.title}</option>)}
          </select>
        </Field>
      )}
      {outageId && id ? (
        <ImportSteps key={id} id={id} outage={outage} me={me} onDiscarded={() => show({ outageId })} />
      ) : null}
      {outageId && !id ? <FileUpload outageId={outageId} onUploaded={(upload) => show({ outageId, id: upload.id })} /> : null}
      {outageId ? <EarlierImports outageId={outageId} current={id} /> : null}
    </section>
  );
}

/** The import where it stands: an upload that broke off, a file to map, or a run to follow. */
function ImportSteps({ id, outage, me, onDiscarded }: { id: number; outage: Outage | undefined; me: Me; onDiscarded: () => void }) {
  const { t } = useTranslation();
  const upload = useImport(id);
  if (upload.isPending) return <p>{t('common.loading')}</p>;
  if (upload.isError) return <ProblemAlert problem={toProblem(upload.error, t('errors.offline'))} />;
  const u = upload.data;
  if (u.status === 'UPLOADING') {
    return (
      <div className="panel">
        <p>{t('imports.unfinished', { name: u.fileName })}</p>
        <DiscardButton upload={u} onDiscarded={onDiscarded} />
      </div>
    );
  }
  if (u.status === 'UPLOADED') return <MappingForm upload={u} outage={outage} me={me} onDiscarded={onDiscarded} />;
  return <ImportProgress upload={u} />;
}
