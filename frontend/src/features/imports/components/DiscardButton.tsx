import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../lib/api/problem';
import type { ImportResponse } from '../../../lib/api/types';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { useDiscardImport } from '../api';

/** Throws away an upload that has not been imported (the wrong file, or one whose upload broke off). */
export function DiscardButton({ upload, onDiscarded }: { upload: ImportResponse; onDiscarded: () => void }) {
  const { t } = useTranslation();
  const discard = useDiscardImport(upload.outageId);
  const [problem, setProblem] = useState<Problem | null>(null);
  const run = async () => {
    setProblem(null);
    try {
      await discard.mutateAsync(upload.id);
      onDiscarded();
    } catch (error) {
      setProblem(toProblem(error, t('errors.offline')));
    }
  };
  return (
    <>
      <button type="button" className="danger" disabled={discard.isPending} onClick={() => void run()}>{t('imports.discard')}</button>
      <ProblemAlert problem={problem} />
    </>
  );
}
