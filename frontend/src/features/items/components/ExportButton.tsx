import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../lib/api/problem';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { saveFile } from '../../../lib/ui/saveFile';
import { exportItems } from '../api';

/**
 * Downloads the list as filtered on screen as a CSV file for a spreadsheet. Patients are masked in it; the export is
 * recorded in the audit trail by the service.
 */
export function ExportButton({ filter }: { filter: Record<string, string> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      saveFile(await exportItems(filter), 'backlog-items.csv');
    } catch (e) {
      setProblem(toProblem(e, t('errors.offline')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export">
      <button type="button" onClick={save} disabled={busy} aria-describedby="export-hint">
        {busy ? t('exchange.exporting') : t('exchange.export')}
      </button>
      <p id="export-hint" className="hint">{t('exchange.exportHint')}</p>
      <ProblemAlert problem={problem} />
    </div>
  );
}
