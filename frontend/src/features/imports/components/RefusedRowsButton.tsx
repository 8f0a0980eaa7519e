import { useTranslation } from 'react-i18next';
import type { ImportResponse } from '../../../lib/api/types';
import { DownloadButton } from '../../../lib/ui/DownloadButton';
import { downloadRefused } from '../api';

/** The name of the refused rows' file: the imported file's, marked. */
export function refusedFileName(fileName: string): string {
  return `${fileName.replace(/\.csv$/i, '')}-refused.csv`;
}

/** Downloads the rows the import refused, as CSV with the reason for each, to correct and import again. */
export function RefusedRowsButton({ upload }: { upload: ImportResponse }) {
  const { t } = useTranslation();
  return (
    <DownloadButton className="refused" id="refused" load={() => downloadRefused(upload.id)}
      fileName={refusedFileName(upload.fileName)} label={t('imports.downloadRefused')}
      busyLabel={t('imports.downloading')} hint={t('imports.refusedHint')} />
  );
}
