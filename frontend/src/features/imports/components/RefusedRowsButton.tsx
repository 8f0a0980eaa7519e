import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../lib/api/problem';
import type { ImportResponse } from '../../../lib/api/types';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { saveFile } from '../../../lib/ui/saveFile';
import { downloadRefused } from '../api';

/** The name of the refused rows' file: the imported file's, marked. */
export function refusedFileName(fileName: string): string {
  return `${fileName.replace(/\.csv$/i, '')}-refused.csv`;
}

/** Downloads the rows the import refused, as CSV with the reason for each, to correct and import again. */
export function RefusedRowsButton({ upload }: { upload: ImportResponse }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      saveFile(await downloadRefused(upload.id), refusedFileName(upload.fileName));
    } catch (e) {
      setProblem(toProblem(e, t('errors.offline')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="refused">
      <button type="button" onClick={() => void save()} disabled={busy} aria-describedby="refused-hint">
        {busy ? t('imports.downloading') : t('imports.downloadRefused')}
      </button>
      <p id="refused-hint" className="hint">{t('imports.refusedHint')}</p>
      <ProblemAlert problem={problem} />
    </div>
  );
}
