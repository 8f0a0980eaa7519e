import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { SignInForm } from '../features/auth/components/SignIn';
import { forgetSticky } from '../features/capture/sticky';
import { removeAll } from '../features/outbox/outbox';
import { forgetOutages } from '../lib/api/outages';
import { hasRole, signOut, type SessionState } from '../lib/api/session';
import type { Me } from '../lib/api/types';
import { LANGUAGES, setLanguage, type Language } from '../lib/i18n';
import { Dialog } from '../lib/ui/Dialog';

interface LayoutProps {
  me: Me;
  state: SessionState;
  unsent: number;
  children: ReactNode;
}

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language">
      <label htmlFor="language">{t('nav.language')}</label>
      <select id="language" value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{t(`language.${l}`)}</option>)}
      </select>
    </div>
  );
}

/** The frame of every signed-in page: navigation for the person's roles, the outbox count, language, sign-out. */
/**
 * After moving to another page: the window's title names it, and focus goes to the page's content, so a screen
 * reader announces where the person now is (not on the first page shown).
 */
function useAnnouncePage(main: RefObject<HTMLElement | null>, appName: string) {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    const timer = setTimeout(() => {
      const heading = main.current?.querySelector('h1')?.textContent;
      document.title = heading ? `${heading} – ${appName}` : appName;
      if (!first.current) main.current?.focus();
      first.current = false;
    }, 50);
    return () => clearTimeout(timer);
  }, [pathname, main, appName]);
}

export function Layout({ me, state, unsent, children }: LayoutProps) {
  const { t } = useTranslation();
  const mainRef = useRef<HTMLElement>(null);
  useAnnouncePage(mainRef, t('app.name'));
  const online = useOnline();
  const [confirmSignOut, setConfirmSignOut] = useState(false);
  const worker = hasRole(me, 'CLERK', 'TEAM_LEAD', 'ADMIN');
  const lead = hasRole(me, 'TEAM_LEAD', 'ADMIN');

  const leave = async (deleteUnsent: boolean) => {
    setConfirmSignOut(false);
    if (deleteUnsent) await removeAll(me.username);
    forgetOutages();
    forgetSticky();
    await signOut();
  };

  return (
    <>
      <a className="skip-link" href="#main">{t('nav.skip')}</a>
      <header className="top">
        <div className="brand">{t('app.name')}</div>
        <nav aria-label={t('nav.label')}>
          <ul>
            {worker ? <li><NavLink to="/capture">{t('nav.capture')}</NavLink></li> : null}
            {/* Next to Capture, so a phone shows what waits without scrolling the menu. */}
            {worker ? (
              <li>
                <NavLink to="/outbox" className={unsent > 0 ? 'outbox-link waiting' : 'outbox-link'}>
                  {unsent > 0 ? t('outbox.badge', { count: unsent }) : t('nav.outbox')}
                </NavLink>
              </li>
            ) : null}
            {worker ? <li><NavLink to="/work">{t('nav.work')}</NavLink></li> : null}
            {lead ? <li><NavLink to="/outages">{t('nav.outages')}</NavLink></li> : null}
            {lead ? <li><NavLink to="/packs">{t('nav.packs')}</NavLink></li> : null}
            <li><NavLink to="/items" end>{t('nav.backlog')}</NavLink></li>
            {lead ? <li><NavLink to="/duplicates">{t('nav.duplicates')}</NavLink></li> : null}
            {lead ? <li><NavLink to="/workload">{t('nav.workload')}</NavLink></li> : null}
            {lead ? <li><NavLink to="/merge">{t('nav.merge')}</NavLink></li> : null}
          </ul>
        </nav>
        <div className="who">
          <span>{me.displayName}</span>
          <LanguageSwitch />
          {/* Keeps this person's unsent items (sealed) on the device and lets the next person sign in. */}
          <button type="button" onClick={() => void leave(false)}>{t('nav.switchPerson')}</button>
          <button type="button" onClick={() => (unsent > 0 ? setConfirmSignOut(true) : void leave(false))}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      {!online || state.offline ? <p className="banner offline" role="status">{t('app.offline')}</p> : null}
      <main id="main" ref={mainRef} tabIndex={-1}>{children}</main>

      <Dialog open={confirmSignOut} title={t('signOut.title')} onClose={() => setConfirmSignOut(false)}>
        <p>{t('signOut.unsent', { count: unsent })}</p>
        <div className="actions stacked">
          <button type="button" className="primary" onClick={() => setConfirmSignOut(false)}>{t('signOut.stay')}</button>
          <button type="button" onClick={() => void leave(false)}>{t('signOut.keep')}</button>
          <button type="button" className="danger" onClick={() => void leave(true)}>{t('signOut.delete')}</button>
        </div>
      </Dialog>

      <Dialog open={state.expired} title={t('signIn.againTitle')}>
        <p>{t('signIn.againText')}</p>
        <SignInForm username={me.username} />
        <button type="button" className="link" onClick={() => void leave(false)}>{t('signIn.someoneElse')}</button>
      </Dialog>
    </>
  );
}
