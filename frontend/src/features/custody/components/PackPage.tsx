import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useOutages } from '../../../lib/api/outages';
import { fieldErrors, type Problem } from '../../../lib/api/problem';
import { FORM_KINDS, type FormKind, type FormPack, type Me } from '../../../lib/api/types';
import { DownloadButton } from '../../../lib/ui/DownloadButton';
import { Field } from '../../../lib/ui/Field';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { packPdf, useCreatePack } from '../api';

const SHOWN = ['site', 'ward', 'kind', 'count', 'outageId'];

/** A lead makes a pack of downtime forms for a ward, prints it, and sees the ids of the sheets it holds. */
export default function PackPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const outages = useOutages();
  const open = (outages.data ?? []).filter((o) => o.status === 'OPEN');
  const createPack = useCreatePack();
  const mySites = me.sites.includes('*') ? [] : me.sites;
  const [site, setSite] = useState(mySites.length === 1 ? mySites[0]! : '');
  const [ward, setWard] = useState('');
  const [kind, setKind] = useState<FormKind | ''>('');
  const [count, setCount] = useState('20');
  const [outageId, setOutageId] = useState(search.get('outageId') ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pack, setPack] = useState<FormPack | null>(null);
  const outage = open.find((o) => String(o.id) === outageId);
  // Sites offered: the outage's (of mine), else mine; an administrator of every site types the code.
  const siteChoices = outage ? outage.sites.filter((s) => me.sites.includes('*') || me.sites.includes(s)) : mySites;

  const make = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      const made = await createPack.mutateAsync({
        site: site.trim().toUpperCase(), ward: ward.trim(), kind: kind as FormKind, count: Number(count),
        outageId: outageId === '' ? null : Number(outageId),
      });
      setPack(made);
    } catch (error) {
      setProblem(toProblem(error, t('errors.offline')));
    }
  };
  const errors = fieldErrors(problem);

  return (
    <section aria-labelledby="packs-title">
      <h1 id="packs-title">{t('packs.title')}</h1>
      <p>{t('packs.intro')}</p>
      <form className="panel" onSubmit={(e) => void make(e)} noValidate>
        <ProblemAlert problem={problem} shownFields={SHOWN} />
        <Field id="p-outage" label={t('packs.outage')} error={errors.outageId} hint={t('packs.outageHint')}>
          <select value={outageId} onChange={(e) => setOutageId(e.target.value)}>
            <option value="">{t('packs.noOutage')}</option>
            {open.map((o) => <option key={o.id} value={o.id}>{`${o.reference} ${o.title}`}</option>)}
          </select>
        </Field>
        <Field id="p-site" label={t('fields.site')} error={errors.site} required>
          {siteChoices.length > 0 ? (
            <select value={site} onChange={(e) => setSite(e.target.value)}>
              <option value="">{t('common.choose')}</option>
              {siteChoices.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          ) : <input value={site} autoComplete="off" onChange={(e) => setSite(e.target.value)} />}
        </Field>
        <Field id="p-ward" label={t('fields.ward')} error={errors.ward} required>
          <input value={ward} autoComplete="off" maxLength={64} onChange={(e) => setWard(e.target.value)} />
        </Field>
        <Field id="p-kind" label={t('packs.kind')} error={errors.kind} required>
          <select value={kind} onChange={(e) => setKind(e.target.value as FormKind | '')}>
            <option value="">{t('common.choose')}</option>
            {FORM_KINDS.map((k) => <option key={k} value={k}>{t(`packs.kindName.${k}`)}</option>)}
          </select>
        </Field>
        <Field id="p-count" label={t('packs.count')} error={errors.count} hint={t('packs.countHint')} required>
          <input type="number" inputMode="numeric" min={1} max={200} value={count} onChange={(e) => setCount(e.target.value)} />
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={createPack.isPending}>
            {createPack.isPending ? t('packs.creating') : t('packs.create')}
          </button>
        </div>
      </form>

      <p className="status" role="status" aria-live="polite">
        {pack ? t('packs.made', { id: pack.id, count: pack.count, ward: pack.ward, site: pack.site }) : ''}
      </p>
      {pack ? (
        <section aria-labelledby="pack-sheets">
          <h2 id="pack-sheets">{t('packs.sheetsTitle')}</h2>
          <DownloadButton
            id="pack-pdf" load={() => packPdf(pack.id)} fileName={`form-pack-${pack.id}.pdf`}
            label={t('packs.pdf')} busyLabel={t('packs.downloading')} hint={t('packs.pdfHint')}
          />
          <ol className="sheet-ids">
            {pack.sheets.map((s) => <li key={s.sheetId}><code>{s.sheetId}</code></li>)}
          </ol>
        </section>
      ) : null}
    </section>
  );
}
