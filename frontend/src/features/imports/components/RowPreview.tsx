import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../lib/api/types';
import { useCapturedLabels } from '../../../lib/captured/CapturedFields';
import { FIELDS, isField, type FieldName } from '../mapping';

/** Fields that hold sentences rather than codes, names or times. */
const TEXT_FIELDS: readonly FieldName[] = ['summary', 'details'];

/**
 * The first rows as the import would take them: each row's outcome, what is wrong with it (by column), and the
 * values it would store, patients included (the lead checks them; the service records that they were shown).
 */
export function RowPreview({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const labels = useCapturedLabels();
  const rows = preview.rows;
  const shown = FIELDS.filter((f) => rows.some((r) => (r.values[f] ?? '') !== ''));
  const count = (verdict: string) => rows.filter((r) => r.verdict === verdict).length;
  const label = (field: string) => (isField(field) ? labels[field] : field);

  return (
    <>
      <h3 id="preview-title">{t('imports.previewTitle')}</h3>
      <p>{t('imports.previewSummary', {
        rows: rows.length, store: count('STORE'), already: count('ALREADY_IMPORTED'),
        repeated: count('REPEATED_IN_FILE'), refused: count('REFUSED'),
      })}</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="preview-title">
        <table className="preview">
          <thead>
            <tr>
              <th scope="col">{t('imports.row')}</th>
              <th scope="col">{t('imports.verdict')}</th>
              <th scope="col">{t('imports.problems')}</th>
              {shown.map((f) => <th key={f} scope="col">{labels[f]}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.row}>
                <th scope="row">{r.row}</th>
                <td><span className={`badge verdict-${r.verdict.toLowerCase()}`}>{t(`imports.verdicts.${r.verdict}`)}</span></td>
                <td className="problems">
                  {r.problems.length > 0 ? (
                    <ul className="plain-list">
                      {r.problems.map((p, i) => <li key={i}><strong>{p.column ?? label(p.field)}</strong>: {p.message}</li>)}
                    </ul>
                  ) : null}
                </td>
                {shown.map((f) => <td key={f} className={TEXT_FIELDS.includes(f) ? 'text' : undefined}>{r.values[f] ?? ''}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
