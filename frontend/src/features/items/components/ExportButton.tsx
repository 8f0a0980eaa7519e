import { useTranslation } from 'react-i18next';
import { DownloadButton } from '../../../lib/ui/DownloadButton';
import { exportItems } from '../api';

/**
 * Downloads the list as filtered on screen as a CSV file for a spreadsheet. Patients are masked in it; the export is
 * recorded in the audit trail by the service.
 */
export function ExportButton({ filter }: { filter: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <DownloadButton className="export" id="export" load={() => exportItems(filter)} fileName="backlog-items.csv"
      label={t('exchange.export')} busyLabel={t('exchange.exporting')} hint={t('exchange.exportHint')} />
  );
}
