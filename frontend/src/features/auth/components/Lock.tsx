import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Problem } from '../../../lib/api/problem';
import { unlock } from '../../../lib/api/session';
import type { Me } from '../../../lib/api/types';
import { Field } from '../../../lib/ui/Field';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { ProviderButtons } from './SignIn';

interface LockScreenProps {
  me: Me;
  /** Ends this person's session on the device, keeping what waits in their outbox (sealed), for someone else to sign in. */
  switchPerson: () => void;
}

/** Shown instead of everything else while the device is locked for a person. */
export function LockScreen({ me, switchPerson }: LockScreenProps) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await unlock(password);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setProblem({ title: navigator.onLine ? t('signIn.wrong') : `${t('signIn.wrong')} ${t('lock.offlineOther')}`, status: 401 });
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
    <main id="main" className="narrow">
      <h1>{t('lock.title')}</h1>
      <p>{t('lock.text', { name: me.displayName })}</p>
      <form onSubmit={(e) => void submit(e)} className="sign-in">
        <ProblemAlert problem={problem} />
        <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
        <Field id="unlock-password" label={t('signIn.password')} required>
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>{t('lock.submit')}</button>
          <button type="button" onClick={switchPerson}>{t('lock.switchPerson')}</button>
        </div>
      </form>
      <ProviderButtons lead={t('lock.orProvider')} />
    </main>
  );
}
