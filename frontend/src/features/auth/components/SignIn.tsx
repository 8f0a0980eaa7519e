import { type FormEvent, type MouseEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Problem } from '../../../lib/api/problem';
import { identityProviders } from '../../../lib/api/providers';
import { endPendingSignOut, signIn } from '../../../lib/api/session';
import type { Provider } from '../../../lib/api/types';
import { Field } from '../../../lib/ui/Field';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';

interface SignInFormProps {
  /** Fixed when an ended session is being renewed: the same person signs in again. */
  username?: string;
}

export function SignInForm({ username: fixed }: SignInFormProps) {
  const { t } = useTranslation();
  const [username, setUsername] = useState(fixed ?? '');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await signIn(username.trim(), password);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setProblem({ title: t('signIn.wrong'), status: 401 });
      } else if (error instanceof ApiError && error.status === 429) {
        setProblem({ title: t('signIn.throttled'), status: 429 });
      } else {
        setProblem(toProblem(error, t('errors.offline')));
      }
    } finally {
      setBusy(false);
      setPassword('');
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="sign-in">
      <ProblemAlert problem={problem} />
      <Field id="username" label={t('signIn.username')} required>
        <input type="text" autoComplete="username" autoCapitalize="none" value={username}
          readOnly={fixed !== undefined} onChange={(e) => setUsername(e.target.value)} />
      </Field>
      <Field id="password" label={t('signIn.password')} required>
        <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{t('signIn.submit')}</button>
      </div>
    </form>
  );
}

/** How a sign-in through the identity provider ended, when it sent the browser back here without a session. */
function providerOutcome(): 'refused' | 'failed' | null {
  const outcome = new URLSearchParams(window.location.search).get('signin');
  return outcome === 'refused' || outcome === 'failed' ? outcome : null;
}

/**
 * A button per identity provider the service is configured for (none, usually), between the texts lead and after. The
 * local form stays: local accounts are the way in when the identity provider is down.
 */
export function ProviderButtons({ lead, after }: { lead?: string; after?: string }) {
  const { t } = useTranslation();
  const [providers, setProviders] = useState<Provider[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    let current = true;
    void identityProviders().then((found) => {
      if (current) setProviders(found);
    });
    return () => {
      current = false;
    };
  }, []);
  if (providers.length === 0) return null;

  const go = async (e: MouseEvent<HTMLAnchorElement>, url: string | undefined) => {
    e.preventDefault();
    if (!url) return;
    try {
      // A sign-out made without a connection ends first: otherwise the next start would end this new sign-in.
      await endPendingSignOut();
    } catch (error) {
      setProblem(toProblem(error, t('errors.offline')));
      return;
    }
    window.location.assign(url);
  };

  return (
    <div className="sign-in-providers">
      {lead && <p>{lead}</p>}
      <ProblemAlert problem={problem} />
      {providers.map((p) => (
        <p key={p.id}>
          <a className="button primary" href={p.loginUrl} onClick={(e) => void go(e, p.loginUrl)}>
            {t('signIn.with', { name: p.name })}
          </a>
        </p>
      ))}
      {after && <p>{after}</p>}
    </div>
  );
}

export function SignInPage() {
  const { t } = useTranslation();
  const [outcome] = useState(providerOutcome);
  return (
    <main id="main" className="narrow">
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      {outcome && <ProblemAlert problem={{ title: t(`signIn.${outcome}`), status: outcome === 'refused' ? 403 : 502 }} />}
      <ProviderButtons after={t('signIn.orLocal')} />
      <SignInForm />
    </main>
  );
}
