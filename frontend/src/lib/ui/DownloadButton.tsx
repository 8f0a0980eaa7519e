import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/problem';
import { ProblemAlert, toProblem } from './ProblemAlert';
import { saveFile } from './saveFile';

/**
 * A button that reads a file from the service through the API client (so signed in, with problems shown) and hands it
 * to the browser to save, with a hint beneath it.
 */
export function DownloadButton({ load, fileName, label, busyLabel, hint, id, className }: {
  load: () => Promise<Blob>;
  fileName: string;
  label: string;
  busyLabel: string;
  hint: string;
  /** Names the hint, for aria-describedby. */
  id: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      saveFile(await load(), fileName);
    } catch (e) {
      setProblem(toProblem(e, t('errors.offline')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={className}>
      <button type="button" onClick={() => void save()} disabled={busy} aria-describedby={`${id}-hint`}>
        {busy ? busyLabel : label}
      </button>
      <p id={`${id}-hint`} className="hint">{hint}</p>
      <ProblemAlert problem={problem} />
    </div>
  );
}
