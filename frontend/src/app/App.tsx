import { lazy, Suspense, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { LockScreen } from '../features/auth/components/Lock';
import { SignInPage } from '../features/auth/components/SignIn';
import { forgetSticky } from '../features/capture/sticky';
import { CapturePage } from '../features/capture/components/CapturePage';
import { OutboxPage } from '../features/outbox/components/OutboxPage';
import { saveCaptured } from '../features/outbox/delivery';
import { useOutbox, useOutboxSender } from '../features/outbox/hooks';
import { forgetOutages } from '../lib/api/outages';
import { hasRole, session, signOut } from '../lib/api/session';
import type { Me } from '../lib/api/types';
import { useIdleLock } from './idle';
import { Layout, LanguageSwitch } from './Layout';

// Pages most people never open on a phone are loaded when first visited.
const WorkPage = lazy(() => import('../features/queue/components/WorkPage'));
const ItemPage = lazy(() => import('../features/items/components/ItemPage'));
const BacklogPage = lazy(() => import('../features/items/components/BacklogPage'));
const OutagesPage = lazy(() => import('../features/outages/components/OutagesPage'));
const OutagePage = lazy(() => import('../features/outages/components/OutagePage'));
const DuplicatesPage = lazy(() => import('../features/lead/components/DuplicatesPage'));
const WorkloadPage = lazy(() => import('../features/lead/components/WorkloadPage'));
const MergePage = lazy(() => import('../features/lead/components/MergePage'));
const ImportPage = lazy(() => import('../features/imports/components/ImportPage'));
const PackPage = lazy(() => import('../features/custody/components/PackPage'));
const SheetsPage = lazy(() => import('../features/custody/components/SheetsPage'));
const ReportPage = lazy(() => import('../features/report/components/ReportPage'));

function home(me: Me): string {
  if (hasRole(me, 'TEAM_LEAD', 'ADMIN')) return '/outages';
  if (hasRole(me, 'CLERK')) return '/capture';
  return '/items';
}

/** Ends the person's session on this device; what waits in their outbox stays, sealed, for them to send later. */
export async function switchPerson(): Promise<void> {
  forgetOutages();
  forgetSticky();
  await signOut();
}

function SignedIn({ me }: { me: Me }) {
  const { t } = useTranslation();
  const state = useSyncExternalStore(session.subscribe, session.get);
  useIdleLock(me.username);
  const outbox = useOutbox(me.username);
  const waiting = outbox.filter((e) => e.state === 'waiting').length;
  const sendNow = useOutboxSender(me.username, waiting);
  const lead = hasRole(me, 'TEAM_LEAD', 'ADMIN');
  const worker = hasRole(me, 'CLERK', 'TEAM_LEAD', 'ADMIN');
  const governance = hasRole(me, 'TEAM_LEAD', 'ADMIN', 'AUDITOR');
  return (
    <Layout me={me} state={state} unsent={outbox.length}>
      <Suspense fallback={<p>{t('common.loading')}</p>}>
        <Routes>
          <Route path="/" element={<Navigate to={home(me)} replace />} />
          {worker ? <Route path="/capture" element={<CapturePage me={me} save={(request) => saveCaptured(me.username, request)} />} /> : null}
          {worker ? <Route path="/outbox" element={<OutboxPage me={me} sendNow={sendNow} />} /> : null}
          {worker ? <Route path="/work" element={<WorkPage me={me} />} /> : null}
          <Route path="/items" element={<BacklogPage me={me} />} />
          <Route path="/items/:id" element={<ItemPage me={me} />} />
          {lead ? <Route path="/outages" element={<OutagesPage me={me} />} /> : null}
          {lead ? <Route path="/outages/:id" element={<OutagePage />} /> : null}
          {lead ? <Route path="/outages/:id/sheets" element={<SheetsPage />} /> : null}
          {lead ? <Route path="/packs" element={<PackPage me={me} />} /> : null}
          {governance ? <Route path="/outages/:id/report" element={<ReportPage me={me} />} /> : null}
          {lead ? <Route path="/duplicates" element={<DuplicatesPage />} /> : null}
          {lead ? <Route path="/workload" element={<WorkloadPage />} /> : null}
          {lead ? <Route path="/merge" element={<MergePage />} /> : null}
          {lead ? <Route path="/imports" element={<ImportPage me={me} />} /> : null}
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <><h1>{t('notFound.title')}</h1><p>{t('notFound.text')}</p></>;
}

export function App() {
  const { t } = useTranslation();
  const state = useSyncExternalStore(session.subscribe, session.get);
  if (!state.ready) {
    return <main id="main"><p role="status">{t('common.loading')}</p></main>;
  }
  if (!state.me) {
    return (
      <>
        <header className="top"><div className="brand">{t('app.name')}</div><div className="who"><LanguageSwitch /></div></header>
        <SignInPage />
      </>
    );
  }
  if (state.locked) {
    return (
      <>
        <header className="top"><div className="brand">{t('app.name')}</div><div className="who"><LanguageSwitch /></div></header>
        <LockScreen me={state.me} switchPerson={() => void switchPerson()} />
      </>
    );
  }
  return <SignedIn me={state.me} />;
}
