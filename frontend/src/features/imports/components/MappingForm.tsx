import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, type Problem } from '../../../lib/api/problem';
import type { ImportMapping, ImportResponse, Me, Outage } from '../../../lib/api/types';
import { number } from '../../../lib/i18n/format';
import { Field } from '../../../lib/ui/Field';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { usePreview, useStartImport } from '../api';
import { emptyMapping, forHeaders, needingValues, toSend } from '../mapping';
import { ColumnMapping } from './ColumnMapping';
import { DiscardButton } from './DiscardButton';
import { FixedValues } from './FixedValues';
import { RowPreview } from './RowPreview';

interface MappingFormProps {
  upload: ImportResponse;
  outage: Outage | undefined;
  me: Me;
  onDiscarded: () => void;
}

const DELIMITERS: Record<string, 'comma' | 'semicolon' | 'tab'> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/**
 * An uploaded file, read: the lead says what its columns fill (starting from the service's suggestion), previews
 * the first rows, then starts the import. A change to the mapping asks for a new preview.
 */
export function MappingForm({ upload, outage, me, onDiscarded }: MappingFormProps) {
  const { t } = useTranslation();
  const [mapping, setMapping] = useState<ImportMapping>(() =>
    (upload.suggestedMapping ? forHeaders(upload.suggestedMapping, upload.headers) : emptyMapping()));
  const [saveAs, setSaveAs] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const preview = usePreview(upload.id);
  const start = useStartImport(upload.id);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const change = (next: ImportMapping) => {
    setMapping(next);
    preview.reset();
  };
  const act = async (work: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(toProblem(error, t('errors.offline')));
    }
  };
  const errors = fieldErrors(problem);
  // What the service says of a fixed value asked for is shown beside it; the rest above.
  const shownFields = needingValues(mapping).flatMap((f) => [`mapping.${f}`, `mapping.values.${f}`]);
  const delimiter = DELIMITERS[upload.delimiter ?? ''];
  const rows = upload.totalRows ?? preview.data?.totalRows ?? 0;

  return (
    <>
      <h2 ref={heading} tabIndex={-1}>{t('imports.columns')}</h2>
      <p>
        {t('imports.fileRead', { name: upload.fileName, count: rows, rows: number(rows) })}
        {upload.charset ? ` ${t('imports.charset', { charset: upload.charset })}` : ''}
        {delimiter ? ` ${t(`imports.delimiter.${delimiter}`)}` : ''}
      </p>
      {upload.sameFileImportedBefore.length > 0 ? (
        <div className="alert" role="note">
          <p className="alert-title">{t('imports.sameFileTitle')}</p>
          <p>{t('imports.sameFile', { imports: upload.sameFileImportedBefore.map((id) => `#${id}`).join(', ') })}</p>
        </div>
      ) : null}
      <p className="hint">
        {upload.suggestedMappingName
          ? t('imports.suggestedFrom', { name: upload.suggestedMappingName })
          : t('imports.columnsHint')}
      </p>
      <ColumnMapping headers={upload.headers} mapping={mapping} onChange={change} />
      <FixedValues mapping={mapping} onChange={change} outage={outage} me={me} errors={errors} />
      <ProblemAlert problem={problem} shownFields={shownFields} />
      <div className="actions">
        <button type="button" disabled={preview.isPending} onClick={() => void act(() => preview.mutateAsync(toSend(mapping)))}>
          {preview.isPending ? t('imports.previewing') : t('imports.preview')}
        </button>
        <DiscardButton upload={upload} onDiscarded={onDiscarded} />
      </div>

      {preview.data ? (
        <>
          <RowPreview preview={preview.data} />
          <div className="panel">
            <Field id="save-as" label={t('imports.saveAs')} hint={t('imports.saveAsHint')}>
              <input value={saveAs} maxLength={80} onChange={(e) => setSaveAs(e.target.value)} />
            </Field>
            <button type="button" className="primary" disabled={start.isPending}
              onClick={() => void act(() => start.mutateAsync({ mapping: toSend(mapping), saveAs: saveAs.trim() || null }))}>
              {start.isPending ? t('imports.starting') : t('imports.start', { count: rows, rows: number(rows) })}
            </button>
          </div>
        </>
      ) : <p className="hint">{t('imports.previewFirst')}</p>}
    </>
  );
}
