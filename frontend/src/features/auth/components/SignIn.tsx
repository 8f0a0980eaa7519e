import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Problem } from '../../../lib/api/problem';
import { signIn } from '../../../lib/api/session';
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

export function SignInPage() {
  const { t } = useTranslation();
  return (
    <main id="main" className="narrow">
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <SignInForm />
    </main>
  );
}
