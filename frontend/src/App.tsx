import { lazy, Suspense, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import type { Me } from './api/types';
import { SignInPage } from './auth/SignIn';
import { hasRole, session } from './auth/session';
import { CapturePage } from './capture/CapturePage';
import { useOutbox, useOutboxSender } from './outbox/hooks';
import { OutboxPage } from './outbox/OutboxPage';
import { Layout, LanguageSwitch } from './ui/Layout';

// Pages most people never open on a phone are loaded when first visited.
const WorkPage = lazy(() => import('./queue/WorkPage'));
const ItemPage = lazy(() => import('./items/ItemPage'));
const BacklogPage = lazy(() => import('./items/BacklogPage'));
const OutagesPage = lazy(() => import('./outages/OutagesPage'));
const OutagePage = lazy(() => import('./outages/OutagePage'));
const DuplicatesPage = lazy(() => import('./lead/DuplicatesPage'));
const WorkloadPage = lazy(() => import('./lead/WorkloadPage'));

function home(me: Me): string {
  if (hasRole(me, 'TEAM_LEAD', 'ADMIN')) return '/outages';
  if (hasRole(me, 'CLERK')) return '/capture';
  return '/items';
}

function SignedIn({ me }: { me: Me }) {
  const { t } = useTranslation();
  const state = useSyncExternalStore(session.subscribe, session.get);
  const outbox = useOutbox(me.username);
  const waiting = outbox.filter((e) => e.state === 'waiting').length;
  const sendNow = useOutboxSender(me.username, waiting);
  const lead = hasRole(me, 'TEAM_LEAD', 'ADMIN');
  const worker = hasRole(me, 'CLERK', 'TEAM_LEAD', 'ADMIN');
  return (
    <Layout me={me} state={state} unsent={outbox.length}>
      <Suspense fallback={<p>{t('common.loading')}</p>}>
        <Routes>
          <Route path="/" element={<Navigate to={home(me)} replace />} />
          {worker ? <Route path="/capture" element={<CapturePage me={me} />} /> : null}
          {worker ? <Route path="/outbox" element={<OutboxPage me={me} sendNow={sendNow} />} /> : null}
          {worker ? <Route path="/work" element={<WorkPage me={me} />} /> : null}
          <Route path="/items" element={<BacklogPage me={me} />} />
          <Route path="/items/:id" element={<ItemPage me={me} />} />
          {lead ? <Route path="/outages" element={<OutagesPage me={me} />} /> : null}
          {lead ? <Route path="/outages/:id" element={<OutagePage />} /> : null}
          {lead ? <Route path="/duplicates" element={<DuplicatesPage />} /> : null}
          {lead ? <Route path="/workload" element={<WorkloadPage />} /> : null}
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
  return <SignedIn me={state.me} />;
}
