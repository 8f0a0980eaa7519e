import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useOutages } from '../../../lib/api/outages';
import { peopleQuery } from '../../../lib/api/people';
import type { Problem } from '../../../lib/api/problem';
import { hasRole } from '../../../lib/api/session';
import { BANDS, CATEGORIES, ITEM_STATUSES, type BulkAction, type BulkResponse, type Me } from '../../../lib/api/types';
import { dateTime } from '../../../lib/i18n/format';
import { BandBadge, BreachedBadge, DrillBadge, DrillBanner, StatusBadge } from '../../../lib/ui/Badges';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { backlogQuery, patientSearchQuery, useBulkChange } from '../api';
import { BreachedPanel } from './BreachedPanel';
import { ExportButton } from './ExportButton';

/** Filters kept in the address (so a view can be bookmarked) and, by name, on the device. */
const FILTERS = ['outageId', 'status', 'category', 'targetSystem', 'ward', 'highRisk', 'breached', 'q', 'sort'] as const;
const SAVED_KEY = 'backlog.savedFilters';
const PAGE_SIZE = 50;

interface SavedFilter {
  name: string;
  params: string;
}

function loadSaved(): SavedFilter[] {
  try {
    return JSON.parse(localStorage.getItem(SAVED_KEY) ?? '[]') as SavedFilter[];
  } catch {
    return [];
  }
}

export default function BacklogPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [saved, setSaved] = useState<SavedFilter[]>(loadSaved);
  const [saveName, setSaveName] = useState('');
  const [action, setAction] = useState('');
  const [reason, setReason] = useState('');
  const [band, setBand] = useState('');
  const [assignee, setAssignee] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [result, setResult] = useState<BulkResponse | null>(null);
  const lead = hasRole(me, 'TEAM_LEAD', 'ADMIN');
  const mayExport = hasRole(me, 'TEAM_LEAD', 'ADMIN', 'AUDITOR');
  const outages = useOutages();
  // A drill's items are labelled in the list too (the outage says whether it is a drill; it never changes).
  const drills = new Set((outages.data ?? []).filter((o) => o.drill).map((o) => o.id));
  const people = useQuery(peopleQuery(lead));
  const bulk = useBulkChange();
  const address = params.toString();
  // Keyset paging: the cursors that led to the page on screen, kept for the filter they were given under (a new
  // filter starts again at its first page).
  const [paging, setPaging] = useState<{ address: string; cursors: string[] }>({ address, cursors: [] });
  const cursors = paging.address === address ? paging.cursors : [];
  const cursor = cursors.length > 0 ? cursors[cursors.length - 1] : undefined;
  const page = cursors.length;
  // A selection belongs to the rows on screen: a new page or filter starts a new one.
  useEffect(() => setSelected(new Set()), [address, cursor]);

  const filter: Record<string, string> = {};
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) filter[f] = v;
  }
  // A patient search lives in this page alone: not in the address, not in a saved filter.
  const [patient, setPatient] = useState('');
  const patientList = useQuery(patientSearchQuery(patient, filter.outageId));
  const filtered = useQuery({ ...backlogQuery(filter, cursor, PAGE_SIZE), enabled: patient === '' });
  const list = patient === '' ? filtered : patientList;

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };

  const nextPage = (next: string) => setPaging({ address, cursors: [...cursors, next] });
  const previousPage = () => setPaging({ address, cursors: cursors.slice(0, -1) });

  const storeSaved = (next: SavedFilter[]) => {
    setSaved(next);
    localStorage.setItem(SAVED_KEY, JSON.stringify(next));
  };

  const saveFilter = () => {
    // The patient search is not kept: saved filters hold no patient details.
    const kept = new URLSearchParams(params);
    kept.delete('q');
    const name = saveName.trim();
    if (!name) return;
    storeSaved([...saved.filter((s) => s.name !== name), { name, params: kept.toString() }]);
    setSaveName('');
  };

  const items = list.data?.items ?? [];
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.id));

  const toggle = (id: number) => setSelected((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  const runBulk = async () => {
    setProblem(null);
    setResult(null);
    const ids = [...selected];
    try {
      const answer: BulkResponse = await bulk.mutateAsync(action === 'ASSIGN'
        ? { assign: { ids, assignee } }
        : {
          change: {
            ids, action: action as BulkAction, reason: reason.trim() || null, band: action === 'OVERRIDE_PRIORITY' ? band : null,
          },
        });
      setResult(answer);
      setSelected(new Set(answer.results.filter((r) => r.status >= 400).map((r) => r.id)));
    } catch (e) {
      setProblem(toProblem(e, t('errors.offline')));
    }
  };

  return (
    <section aria-labelledby="backlog-title">
      <h1 id="backlog-title">{t('backlog.title')}</h1>
      <DrillBanner drill={filter.outageId !== undefined && drills.has(Number(filter.outageId))} />
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('backlog.filters')}>
        <div className="field">
          <label htmlFor="f-outage">{t('fields.outage')}</label>
          <select id="f-outage" value={filter.outageId ?? ''} onChange={(e) => setFilter('outageId', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {(outages.data ?? []).map((o) => <option key={o.id} value={o.id}>{o.reference} {o.title}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-status">{t('fields.status')}</label>
          <select id="f-status" value={filter.status ?? ''} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {ITEM_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-category">{t('fields.category')}</label>
          <select id="f-category" value={filter.category ?? ''} onChange={(e) => setFilter('category', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {CATEGORIES.map((c) => <option key={c} value={c}>{t(`category.${c}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-system">{t('fields.targetSystem')}</label>
          <input id="f-system" key={filter.targetSystem ?? ''} defaultValue={filter.targetSystem ?? ''} onBlur={(e) => setFilter('targetSystem', e.target.value.trim().toUpperCase())} />
        </div>
        <div className="field">
          <label htmlFor="f-ward">{t('fields.ward')}</label>
          <input id="f-ward" key={filter.ward ?? ''} defaultValue={filter.ward ?? ''} onBlur={(e) => setFilter('ward', e.target.value.trim())} />
        </div>
        <div className="field">
          <label htmlFor="f-high">{t('fields.highRisk')}</label>
          <select id="f-high" value={filter.highRisk ?? ''} onChange={(e) => setFilter('highRisk', e.target.value)}>
            <option value="">{t('common.all')}</option>
            <option value="true">{t('common.yes')}</option>
            <option value="false">{t('common.no')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-breached">{t('due.filter')}</label>
          <select id="f-breached" value={filter.breached ?? ''} onChange={(e) => setFilter('breached', e.target.value)}>
            <option value="">{t('common.all')}</option>
            <option value="true">{t('due.onlyBreached')}</option>
            <option value="false">{t('due.notBreached')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-q">{t('backlog.search')}</label>
          <input id="f-q" type="search" key={filter.q ?? ''} defaultValue={filter.q ?? ''} onKeyDown={(e) => {
            if (e.key === 'Enter') setFilter('q', e.currentTarget.value.trim());
          }} onBlur={(e) => setFilter('q', e.target.value.trim())} />
        </div>
      </form>

      <form className="inline-form" role="search" aria-label={t('backlog.patientSearchTitle')} onSubmit={(e) => {
        e.preventDefault();
        const value = new FormData(e.currentTarget).get('patient');
        setPatient(typeof value === 'string' ? value.trim() : '');
      }}>
        <div className="field">
          <label htmlFor="f-patient">{t('backlog.patientSearch')}</label>
          <input id="f-patient" name="patient" type="search" autoComplete="off" maxLength={32} />
        </div>
        <button type="submit">{t('backlog.find')}</button>
        {patient !== '' && (
          <button type="button" onClick={(e) => {
            setPatient('');
            const input = e.currentTarget.form?.elements.namedItem('patient');
            if (input instanceof HTMLInputElement) input.value = '';
          }}>{t('backlog.clearPatient')}</button>
        )}
      </form>

      <div className="saved-filters">
        <div className="inline-form">
          <div className="field">
            <label htmlFor="save-name">{t('backlog.saveAs')}</label>
            <input id="save-name" value={saveName} onChange={(e) => setSaveName(e.target.value)} />
          </div>
          <button type="button" onClick={saveFilter} disabled={!saveName.trim()}>{t('backlog.saveFilter')}</button>
        </div>
        {saved.length > 0 ? (
          <ul className="chips" aria-label={t('backlog.savedFilters')}>
            {saved.map((s) => (
              <li key={s.name}>
                <button type="button" onClick={() => setParams(new URLSearchParams(s.params))}>{s.name}</button>
                <button type="button" className="link" aria-label={t('backlog.deleteFilter', { name: s.name })}
                  onClick={() => storeSaved(saved.filter((x) => x.name !== s.name))}>×</button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      <div className="exchange">
        {mayExport && patient === '' ? <ExportButton filter={filter} /> : null}
        {/* The import page is another feature's: reached by its address, for the outage filtered on. */}
        {lead ? <Link className="button" to={filter.outageId ? `/imports?outageId=${filter.outageId}` : '/imports'}>{t('exchange.import')}</Link> : null}
      </div>

      {lead && patient === '' && !filter.breached ? <BreachedPanel outageId={filter.outageId} /> : null}

      {lead && selected.size > 0 ? (
        <div className="panel bulk" aria-labelledby="bulk-title">
          <h2 id="bulk-title">{t('backlog.selected', { count: selected.size })}</h2>
          <div className="inline-form">
            <div className="field">
              <label htmlFor="bulk-action">{t('backlog.action')}</label>
              <select id="bulk-action" value={action} onChange={(e) => setAction(e.target.value)}>
                <option value="">{t('common.choose')}</option>
                <option value="ASSIGN">{t('backlog.assign')}</option>
                <option value="HOLD">{t('backlog.hold')}</option>
                <option value="NOT_REQUIRED">{t('backlog.notRequired')}</option>
                <option value="OVERRIDE_PRIORITY">{t('backlog.override')}</option>
                <option value="CLEAR_PRIORITY">{t('backlog.clearOverride')}</option>
                <option value="RELEASE">{t('backlog.release')}</option>
              </select>
            </div>
            {action === 'ASSIGN' ? (
              <div className="field">
                <label htmlFor="bulk-assignee">{t('backlog.assignee')}</label>
                <select id="bulk-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                  <option value="">{t('common.choose')}</option>
                  {(people.data ?? []).map((p) => <option key={p.username} value={p.username}>{p.displayName} ({p.username})</option>)}
                </select>
              </div>
            ) : null}
            {action === 'OVERRIDE_PRIORITY' ? (
              <div className="field">
                <label htmlFor="bulk-band">{t('item.overrideBand')}</label>
                <select id="bulk-band" value={band} onChange={(e) => setBand(e.target.value)}>
                  <option value="">{t('common.choose')}</option>
                  {BANDS.map((b) => <option key={b} value={b}>{b}</option>)}
                </select>
              </div>
            ) : null}
            {action && action !== 'ASSIGN' ? (
              <div className="field">
                <label htmlFor="bulk-reason">{t('fields.reason')}</label>
                <input id="bulk-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
              </div>
            ) : null}
            <button type="button" className="primary" disabled={!action} onClick={() => void runBulk()}>{t('backlog.apply')}</button>
          </div>
        </div>
      ) : null}
      <ProblemAlert problem={problem} />
      {result ? (
        <div className={result.failed > 0 ? 'alert alert-error' : 'alert'} role="status">
          <p>{t('backlog.result', { succeeded: result.succeeded, failed: result.failed })}</p>
          <ul>{result.results.filter((r) => r.status >= 400).map((r) => <li key={r.id}>#{r.id}: {r.detail}</li>)}</ul>
        </div>
      ) : null}

      {list.isError ? <ProblemAlert problem={toProblem(list.error, t('errors.offline'))} /> : null}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('backlog.title')}>
        <table>
          <thead>
            <tr>
              {lead ? (
                <th scope="col">
                  <input type="checkbox" aria-label={t('backlog.selectAll')} checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((i) => i.id)))} />
                </th>
              ) : null}
              <th scope="col">{t('fields.reference')}</th>
              <th scope="col">{t('fields.priority')}</th>
              <th scope="col">{t('fields.status')}</th>
              <th scope="col">{t('due.dueAt')}</th>
              <th scope="col">{t('fields.category')}</th>
              <th scope="col">{t('fields.targetSystem')}</th>
              <th scope="col">{t('fields.ward')}</th>
              <th scope="col">{t('fields.patient')}</th>
              <th scope="col">{t('fields.occurredAt')}</th>
              <th scope="col">{t('fields.assignedTo')}</th>
              <th scope="col">{t('item.reasons')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                {lead ? (
                  <td><input type="checkbox" aria-label={t('backlog.select', { reference: i.reference })} checked={selected.has(i.id)} onChange={() => toggle(i.id)} /></td>
                ) : null}
                <td><Link to={`/items/${i.id}`}>{i.reference}</Link> <DrillBadge drill={drills.has(i.outageId)} /></td>
                <td><BandBadge priority={i.priority} /></td>
                <td><StatusBadge status={i.status} /></td>
                <td>{i.dueAt ? dateTime(i.dueAt) : ''}{i.breached ? <> <BreachedBadge /></> : null}</td>
                <td>{t(`category.${i.category}`)}{i.highRisk ? ` · ${t('backlog.highRisk')}` : ''}</td>
                <td>{i.targetSystem}</td>
                <td>{i.ward}</td>
                <td>{i.patientMasked}</td>
                <td>{dateTime(i.occurredAt)}</td>
                <td>{i.assignedTo ?? ''}</td>
                <td className="reasons">{i.priority.reasons}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.data && items.length === 0 ? <p>{t('backlog.empty')}</p> : null}
      <div className="pager">
        <button type="button" disabled={page === 0 || patient !== ''} onClick={previousPage}>{t('common.previous')}</button>
        <span>{t('common.page', { page: page + 1 })}</span>
        <button
          type="button"
          disabled={!list.data?.next || patient !== ''}
          onClick={() => { if (list.data?.next) nextPage(list.data.next); }}
        >
          {t('common.next')}
        </button>
      </div>
    </section>
  );
}
