import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOutages } from '../../../lib/api/outages';
import { fieldErrors, type Problem } from '../../../lib/api/problem';
import type { Me } from '../../../lib/api/types';
import { dateTime, fromLocalInput, toLocalInput } from '../../../lib/i18n/format';
import { DrillBadge } from '../../../lib/ui/Badges';
import { Field } from '../../../lib/ui/Field';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { useCreateOutage } from '../api';

function list(value: string): string[] {
  return value.split(/[\s,]+/).map((s) => s.trim().toUpperCase()).filter(Boolean);
}

export default function OutagesPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const outages = useOutages();
  const createOutage = useCreateOutage();
  const [title, setTitle] = useState('');
  const [sites, setSites] = useState(me.sites.includes('*') ? '' : me.sites.join(', '));
  const [systems, setSystems] = useState('');
  const [startedAt, setStartedAt] = useState(toLocalInput(new Date()));
  const [drill, setDrill] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      await createOutage.mutateAsync({
        title: title.trim(), sites: list(sites), systems: list(systems),
        // Left empty, the time goes as null and the service names it among the problems.
        startedAt: fromLocalInput(startedAt) as string,
        drill,
      });
      setTitle('');
      setDrill(false);
      setSystems('');
    } catch (error) {
      setProblem(toProblem(error, t('errors.offline')));
    }
  };
  const errors = fieldErrors(problem);

  return (
    <section aria-labelledby="outages-title">
      <h1 id="outages-title">{t('outages.title')}</h1>
      <ul className="cards">
        {(outages.data ?? []).map((o) => (
          <li key={o.id} className="card">
            <p><Link to={`/outages/${o.id}`}>{o.reference} {o.title}</Link> <DrillBadge drill={o.drill} /> · {t(`outages.status.${o.status}`)}</p>
            <p>{t('outages.since', { at: dateTime(o.startedAt) })} · {o.sites.join(', ')}</p>
            <p>{o.systems.map((s) => `${s.system}: ${t(`outages.system.${s.state}`)}`).join(' · ')}</p>
          </li>
        ))}
      </ul>
      <form className="panel" onSubmit={(e) => void create(e)} aria-labelledby="new-outage">
        <h2 id="new-outage">{t('outages.new')}</h2>
        <ProblemAlert problem={problem} shownFields={Object.keys(errors)} />
        <Field id="o-title" label={t('outages.titleField')} error={errors.title} required>
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <Field id="o-sites" label={t('outages.sites')} hint={t('outages.listHint')} error={errors.sites ?? errors['sites[0]']} required>
          <input value={sites} onChange={(e) => setSites(e.target.value)} />
        </Field>
        <Field id="o-systems" label={t('outages.systems')} hint={t('outages.listHint')} error={errors.systems ?? errors['systems[0]']} required>
          <input value={systems} onChange={(e) => setSystems(e.target.value)} />
        </Field>
        <Field id="o-started" label={t('outages.startedAt')} error={errors.startedAt} required>
          <input type="datetime-local" value={startedAt} onChange={(e) => setStartedAt(e.target.value)} />
        </Field>
        <div className="field checkbox">
          <input id="o-drill" type="checkbox" checked={drill} onChange={(e) => setDrill(e.target.checked)} aria-describedby="o-drill-hint" />
          <label htmlFor="o-drill">{t('drill.declare')}</label>
        </div>
        <p id="o-drill-hint" className="hint">{t('drill.declareHint')}</p>
        <button type="submit" className="primary">{t('outages.create')}</button>
      </form>
    </section>
  );
}
