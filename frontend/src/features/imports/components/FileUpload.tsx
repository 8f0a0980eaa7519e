import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../lib/api/problem';
import type { ImportResponse } from '../../../lib/api/types';
import { Field } from '../../../lib/ui/Field';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { MAX_FILE_BYTES, useUpload } from '../api';

/** Choose a CSV file and send it to the service, with the upload's progress; the service then reads its columns. */
export function FileUpload({ outageId, onUploaded }: { outageId: number; onUploaded: (upload: ImportResponse) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [sent, setSent] = useState(0);
  const [problem, setProblem] = useState<Problem | null>(null);
  const upload = useUpload(outageId, setSent);
  // Left while the file was going up, the page does not come back when it arrives (it is in the list of imports).
  const shown = useRef(true);
  useEffect(() => {
    shown.current = true;
    return () => {
      shown.current = false;
    };
  }, []);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const wrong = !file ? t('imports.noFile') : file.size === 0 ? t('imports.emptyFile')
      : file.size > MAX_FILE_BYTES ? t('imports.tooBig') : undefined;
    setFileError(wrong);
    if (!file || wrong) return;
    setSent(0);
    try {
      const uploaded = await upload.mutateAsync(file);
      if (shown.current) onUploaded(uploaded);
    } catch (error) {
      setProblem(toProblem(error, t('errors.offline')));
    }
  };

  const reading = upload.isPending && file !== null && sent >= file.size;
  return (
    <form className="panel" onSubmit={(e) => void send(e)} aria-labelledby="upload-title" noValidate>
      <h2 id="upload-title">{t('imports.chooseFile')}</h2>
      <Field id="import-file" label={t('imports.file')} hint={t('imports.fileHint')} error={fileError}>
        <input type="file" accept=".csv,text/csv" onChange={(e) => {
          setFile(e.target.files?.[0] ?? null);
          setFileError(undefined);
        }} />
      </Field>
      {upload.isPending && file ? (
        <div className="field">
          <label htmlFor="upload-progress">{t('imports.uploadProgress', { name: file.name })}</label>
          <progress id="upload-progress" value={sent} max={file.size} />
        </div>
      ) : null}
      <ProblemAlert problem={problem} />
      <button type="submit" className="primary" disabled={upload.isPending}>
        {reading ? t('imports.reading') : upload.isPending ? t('imports.uploading') : t('imports.upload')}
      </button>
    </form>
  );
}
