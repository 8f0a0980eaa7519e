import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportMapping } from '../../../lib/api/types';
import { useCapturedLabels } from '../../../lib/captured/CapturedFields';
import { Field } from '../../../lib/ui/Field';
import { savedMappingsQuery } from '../api';
import { FIELDS, forHeaders, isField, withColumn } from '../mapping';

interface ColumnMappingProps {
  headers: string[];
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
}

/** The file's columns, each with the item field it fills; a saved mapping fills them all at once. */
export function ColumnMapping({ headers, mapping, onChange }: ColumnMappingProps) {
  const { t } = useTranslation();
  const labels = useCapturedLabels();
  const saved = useQuery(savedMappingsQuery);
  const [applied, setApplied] = useState('');

  return (
    <>
      {saved.data && saved.data.length > 0 ? (
        <Field id="saved-mapping" label={t('imports.savedMapping')}>
          <select value={applied} onChange={(e) => {
            const chosen = saved.data.find((s) => s.name === e.target.value);
            setApplied(e.target.value);
            if (chosen) onChange(forHeaders(chosen.mapping, headers));
          }}>
            <option value="">{t('common.choose')}</option>
            {saved.data.map((s) => <option key={s.name} value={s.name}>{s.name}</option>)}
          </select>
        </Field>
      ) : null}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('imports.columns')}>
        <table className="mapping">
          <thead>
            <tr><th scope="col">{t('imports.column')}</th><th scope="col">{t('imports.fills')}</th></tr>
          </thead>
          <tbody>
            {headers.map((header, i) => (
              <tr key={`${i}-${header}`}>
                <th scope="row"><label htmlFor={`column-${i}`}>{header.trim() || t('imports.unnamed', { n: i + 1 })}</label></th>
                <td>
                  <select id={`column-${i}`} value={mapping.columns[header] ?? ''} onChange={(e) => {
                    const field = e.target.value;
                    onChange(withColumn(mapping, header, isField(field) ? field : ''));
                  }}>
                    <option value="">{t('imports.notImported')}</option>
                    {FIELDS.map((f) => <option key={f} value={f}>{labels[f]}</option>)}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Field id="key-column" label={t('imports.keyColumn')} hint={t('imports.keyHint')}>
        <select value={mapping.keyColumn ?? ''} onChange={(e) => onChange({ ...mapping, keyColumn: e.target.value || null })}>
          <option value="">{t('imports.noKey')}</option>
          {headers.map((h, i) => <option key={`${i}-${h}`} value={h}>{h.trim() || t('imports.unnamed', { n: i + 1 })}</option>)}
        </select>
      </Field>
    </>
  );
}
