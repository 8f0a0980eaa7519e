import { useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CapturedValues } from '../../../lib/captured/schema';
import { toProblem } from '../../../lib/ui/ProblemAlert';
import { issueTemporaryId } from '../api';

/**
 * "Unidentified patient": asks the service for the site's next temporary id and puts it in the local id, for the
 * clerk to write on the paper. A team lead merges it into the real identity later.
 */
export function TemporaryIdButton() {
  const { t } = useTranslation();
  const form = useFormContext<CapturedValues>();
  const site = useWatch<CapturedValues, 'site'>({ name: 'site' });
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const issue = async () => {
    if (!site) {
      setMessage(t('temporary.chooseSite'));
      return;
    }
    setBusy(true);
    setMessage('');
    try {
      const issued = await issueTemporaryId(site);
      form.setValue('patient.nhsNumber', '');
      form.setValue('patient.localId', issued.temporaryId, { shouldDirty: true });
      form.clearErrors(['patient.nhsNumber', 'patient.localId']);
      setMessage(t('temporary.issued', { id: issued.temporaryId }));
    } catch (error) {
      const problem = toProblem(error, t('errors.offline'));
      setMessage(problem.detail ?? problem.title);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="temporary-id">
      <button type="button" onClick={() => void issue()} disabled={busy}>{t('temporary.get')}</button>
      <p className="hint" role="status" aria-live="polite">{message}</p>
    </div>
  );
}
