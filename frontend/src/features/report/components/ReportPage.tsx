import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { fieldErrors, type Problem } from '../../../lib/api/problem';
import { hasRole } from '../../../lib/api/session';
import type { Me, RecoveryReport } from '../../../lib/api/types';
import { dateTime, number } from '../../../lib/i18n/format';
import { DownloadButton } from '../../../lib/ui/DownloadButton';
import { Field } from '../../../lib/ui/Field';
import { CountTable } from '../../../lib/ui/CountTable';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { downloadReportPdf, reportQuery, useSignOff } from '../api';

/** A wide table that scrolls on its own at phone width; it can take focus, so it also scrolls from the keyboard. */
function Scroll({ label, children }: { label: string; children: ReactNode }) {
  return <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>{children}</div>;
}

function Timeline({ report }: { report: RecoveryReport }) {
  const { t } = useTranslation();
  return (
    <ol className="timeline">
      {report.timeline.map((e) => (
        <li key={`${e.event}-${e.system ?? ''}-${e.at}`}>
          {dateTime(e.at)}: {t(`report.event.${e.event}`, { system: e.system ?? '' })}
        </li>
      ))}
    </ol>
  );
}

function Exceptions({ report }: { report: RecoveryReport }) {
  const { t } = useTranslation();
  const x = report.exceptions;
  return (
    <>
      <h3>{t('report.notRequired')}</h3>
      {x.notRequired.length === 0 ? <p>{t('report.none')}</p> : (
        <ul>{x.notRequired.map((r) => <li key={r.reason}>{t('report.reasonCount', { count: r.count, reason: r.reason || '—' })}</li>)}</ul>
      )}
      <h3>{t('report.duplicates')}</h3>
      {x.duplicates.length === 0 ? <p>{t('report.none')}</p> : (
        <ul>{x.duplicates.map((d) => <li key={d.item}>{t('report.duplicateOf', { item: d.item, original: d.duplicateOf ?? '—' })}</li>)}</ul>
      )}
      <p>{t('report.unresolvedPairs', { count: x.unresolvedDuplicatePairs })}</p>
      <p>{t('report.holds', { ever: x.everHeld, now: x.onHold.length })}</p>
      <h3>{t('report.open', { count: x.open.length })}</h3>
      {x.open.length === 0 ? <p>{t('report.none')}</p> : (
        <Scroll label={t('report.open', { count: x.open.length })}>
          <table>
            <thead><tr>
              <th scope="col">{t('fields.reference')}</th><th scope="col">{t('fields.status')}</th>
              <th scope="col">{t('fields.priority')}</th><th scope="col">{t('fields.targetSystem')}</th>
              <th scope="col">{t('fields.ward')}</th><th scope="col">{t('fields.statusReason')}</th>
            </tr></thead>
            <tbody>{x.open.map((i) => (
              <tr key={i.ref}>
                <td><Link to={`/items/${i.id}`}>{i.ref}</Link></td><td>{t(`status.${i.status}`)}</td>
                <td>P{i.priorityBand}</td><td>{i.targetSystem}</td><td>{i.ward}</td><td>{i.statusReason ?? ''}</td>
              </tr>
            ))}</tbody>
          </table>
        </Scroll>
      )}
    </>
  );
}

function Sheets({ report }: { report: RecoveryReport }) {
  const { t } = useTranslation();
  const r = report.sheets;
  const columns = ['issued', 'inUse', 'complete', 'returnedUnused', 'missing', 'voided'] as const;
  return (
    <>
      <p>{r.accountedFor ? t('report.sheetsAccounted') : t('report.sheetsNotAccounted')}</p>
      {r.wards.length === 0 ? <p>{t('report.noSheets')}</p> : (
        <Scroll label={t('report.sheets')}>
          <table>
            <thead><tr>
              <th scope="col">{t('fields.ward')}</th>
              {columns.map((c) => <th key={c} scope="col">{t(`report.sheetStatus.${c}`)}</th>)}
            </tr></thead>
            <tbody>{r.wards.map((w) => (
              <tr key={w.ward}><th scope="row">{w.ward}</th>{columns.map((c) => <td key={c}>{w[c]}</td>)}</tr>
            ))}</tbody>
          </table>
        </Scroll>
      )}
      <h3>{t('report.sheetExceptions', { count: report.exceptions.sheets.length })}</h3>
      {report.exceptions.sheets.length === 0 ? <p>{t('report.none')}</p> : (
        <ul>{report.exceptions.sheets.map((e) => (
          <li key={e.ref}>{e.ref}: {t(`report.sheetKind.${e.kind}`)}{e.ward ? ` · ${e.ward}` : ''} ({e.detail})</li>
        ))}</ul>
      )}
    </>
  );
}

function SignedOff({ report }: { report: RecoveryReport }) {
  const { t } = useTranslation();
  const s = report.signOff;
  if (!s) return <p>{t('report.notSignedOff')}</p>;
  return (
    <div className="panel" id="sign-off-done">
      <p>{t('report.signedBy', { who: s.signedByName ? `${s.signedByName} (${s.signedBy})` : s.signedBy, at: dateTime(s.signedAt) })}</p>
      <p>{t('report.statement')}: {s.statement ?? '—'}</p>
      {s.exceptions.length > 0 ? (
        <>
          <h3>{t('report.signedExceptions')}</h3>
          <ul>{s.exceptions.map((e) => <li key={e.ref}>{e.ref}: {e.reason}</li>)}</ul>
        </>
      ) : null}
      <p>{s.changedAfterSignOff.length === 0 ? t('report.unchangedSince')
        : t('report.changedSince', { items: s.changedAfterSignOff.join(', ') })}</p>
    </div>
  );
}

/** A team lead's sign-off: a statement and a reason for each item still open. */
function SignOffForm({ report }: { report: RecoveryReport }) {
  const { t } = useTranslation();
  const signOff = useSignOff(report.outage.id);
  const open = [...report.exceptions.open.map((i) => i.ref), ...report.exceptions.sheets.map((e) => e.ref)];
  const [statement, setStatement] = useState('');
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      await signOff.mutateAsync({
        statement: statement.trim() || null,
        exceptions: open.map((ref) => ({ ref, reason: reasons[ref]?.trim() ?? '' })),
      });
    } catch (error) {
      setProblem(toProblem(error, t('errors.offline')));
    }
  };
  const errors = fieldErrors(problem);
  const closed = report.outage.status === 'CLOSED';

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="sign-off-form">
      <h3 id="sign-off-form">{t('report.signOffTitle')}</h3>
      <p>{open.length === 0 ? t('report.signOffClear') : t('report.signOffIntro', { count: open.length })}</p>
      {closed ? null : <p role="note">{t('report.closeFirst')}</p>}
      <ProblemAlert problem={problem} shownFields={Object.keys(errors)} />
      <Field id="so-statement" label={t('report.statement')} hint={t('report.statementHint')} error={errors.statement}>
        <textarea value={statement} maxLength={2000} rows={3} onChange={(e) => setStatement(e.target.value)} />
      </Field>
      {open.map((ref, n) => (
        <Field key={ref} id={`so-reason-${n}`} label={t('report.reasonFor', { ref })} required
          error={errors[`exceptions[${n}].reason`] ?? errors[`exceptions[${n}].ref`]}>
          <input value={reasons[ref] ?? ''} maxLength={500}
            onChange={(e) => setReasons({ ...reasons, [ref]: e.target.value })} />
        </Field>
      ))}
      <button type="submit" className="primary" disabled={!closed || signOff.isPending}>
        {signOff.isPending ? t('common.saving') : t('report.signOff')}
      </button>
    </form>
  );
}

export default function ReportPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const report = useQuery(reportQuery(id));

  if (report.isPending) return <p>{t('common.loading')}</p>;
  if (report.isError) return <ProblemAlert problem={toProblem(report.error, t('errors.offline'))} />;
  const r = report.data;
  const c = r.counts;
  const th = r.throughput;
  const f = r.fourEyes;

  return (
    <section aria-labelledby="report-title">
      <h1 id="report-title">{t('report.title', { reference: r.outage.reference })}</h1>
      <p>{r.outage.title} · {t(`outages.status.${r.outage.status}`)} · {r.outage.sites.join(', ')}</p>
      <p className="muted">{t('report.noPatients')}</p>
      <DownloadButton id="report-pdf" load={() => downloadReportPdf(id)} fileName={`recovery-report-${r.outage.reference}.pdf`}
        label={t('report.downloadPdf')} busyLabel={t('report.downloading')} hint={t('report.pdfHint')} />

      <h2>{t('report.timeline')}</h2>
      <Timeline report={r} />

      <h2>{t('report.counts')}</h2>
      <dl className="figures">
        <div><dt>{t('summary.total')}</dt><dd>{number(c.total)}</dd></div>
        <div><dt>{t('report.closed')}</dt><dd>{number(c.closed)}</dd></div>
        <div><dt>{t('summary.open')}</dt><dd>{number(c.open)}</dd></div>
      </dl>
      <div className="count-grid">
        <CountTable title={t('summary.byStatus')} counts={c.byStatus} label={(k) => t(`status.${k}`)} />
        <CountTable title={t('report.byCategory')} counts={c.byCategory} label={(k) => t(`category.${k}`)} />
        <CountTable title={t('report.byWard')} counts={c.byWard} />
        <CountTable title={t('report.bySystem')} counts={c.bySystem} />
      </div>

      <h2>{t('report.throughput')}</h2>
      <p>{th.cleared && th.timeToClearMinutes !== null && th.timeToClearMinutes !== undefined
        ? t('report.clearedIn', { hours: Math.floor(th.timeToClearMinutes / 60), minutes: th.timeToClearMinutes % 60 })
        : t('report.notCleared', { count: c.open })}</p>
      <p>{t('report.firstRecovery', { at: dateTime(th.firstRecoveryAt) || '—' })} · {t('report.lastClosed', { at: dateTime(th.lastClosedAt) || '—' })}</p>
      {th.hours.length === 0 ? null : (
        <Scroll label={t('report.throughput')}>
          <table>
            <thead><tr>
              <th scope="col">{t('summary.hour')}</th><th scope="col">{t('report.logged')}</th>
              <th scope="col">{t('report.entered')}</th><th scope="col">{t('report.closed')}</th>
            </tr></thead>
            <tbody>{th.hours.map((h) => (
              <tr key={h.hour}><th scope="row">{dateTime(h.hour)}</th><td>{h.logged}</td><td>{h.entered}</td><td>{h.closed}</td></tr>
            ))}</tbody>
          </table>
        </Scroll>
      )}

      <h2>{t('report.dueTimes')}</h2>
      <Scroll label={t('report.dueTimes')}>
        <table>
          <thead><tr>
            <th scope="col">{t('report.band')}</th><th scope="col">{t('report.due')}</th>
            <th scope="col">{t('report.met')}</th><th scope="col">{t('report.breached')}</th>
            <th scope="col">{t('report.breachedOpen')}</th>
          </tr></thead>
          <tbody>{r.dueTimes.bands.map((b) => (
            <tr key={b.band}><th scope="row">{b.band}</th><td>{b.due}</td><td>{b.met}</td><td>{b.breached}</td><td>{b.breachedOpen}</td></tr>
          ))}</tbody>
        </table>
      </Scroll>

      <h2>{t('report.sheets')}</h2>
      <Sheets report={r} />

      <h2>{t('report.exceptions')}</h2>
      <Exceptions report={r} />

      <h2>{t('report.fourEyes')}</h2>
      <ul>
        <li>{t('report.verified', { count: f.verified, people: f.distinctVerifiers })}</li>
        <li>{t('report.awaiting', { count: f.awaitingVerification })}</li>
        <li>{t('report.verifiedByEnterer', { count: f.verifiedByEnterer })}</li>
        <li>{t('report.selfRefused', { count: f.selfVerificationRefused })}</li>
      </ul>

      <h2>{t('report.signOffHeading')}</h2>
      <SignedOff report={r} />
      {!r.signOff && hasRole(me, 'TEAM_LEAD') ? <SignOffForm report={r} /> : null}
      <p className="muted">{r.retention.purgeFrom
        ? t('report.retention', { at: dateTime(r.retention.purgeFrom), count: r.retention.purgedItems })
        : t('report.retentionAfterSignOff')}</p>
      <p><Link to={`/outages/${id}`}>{t('report.backToOutage')}</Link></p>
    </section>
  );
}
