import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { FormProvider, useForm, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ApiError, fieldErrors, type Problem } from '../../../lib/api/problem';
import type { Item } from '../../../lib/api/types';
import { CapturedFields, useCapturedLabels } from '../../../lib/captured/CapturedFields';
import {
  capturedPaths, capturedSchema, changedPaths, correctionOf, valuesOf,
} from '../../../lib/captured/schema';
import { Field } from '../../../lib/ui/Field';
import { toProblem } from '../../../lib/ui/ProblemAlert';
import { correctItem, itemQuery, loadItem, useItemChange } from '../api';

const REASON_MAX = 500;

/** The captured fields and why they were corrected (the service keeps the reason in the item's history). */
function correctionSchema(t: (key: string, values?: Record<string, unknown>) => string) {
  return capturedSchema(t).extend({
    reason: z.string().trim().max(REASON_MAX, t('errors.tooLong', { max: REASON_MAX })),
  });
}
type CorrectionValues = z.input<ReturnType<typeof correctionSchema>>;
type CorrectionRequest = z.output<ReturnType<typeof correctionSchema>>;

const PATHS = capturedPaths();

function startFrom(item: Item): CorrectionValues {
  return { ...valuesOf(item), reason: '' };
}

interface CorrectionFormProps {
  item: Item;
  /** A problem from the service, shown above the page. */
  onProblem: (problem: Problem | null) => void;
  onSaved: () => void;
  onCancel: () => void;
}

/**
 * Corrects an item's captured fields: sends only what changed, against the version the person started from. If
 * someone else changed the item meanwhile, says what they changed and offers to take their version or save over it.
 */
export function CorrectionForm({ item, onProblem, onSaved, onCancel }: CorrectionFormProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const labels: Record<string, string> = useCapturedLabels();
  const translate = useRef(t);
  translate.current = t;
  const form = useForm<CorrectionValues, unknown, CorrectionRequest>({
    defaultValues: startFrom(item),
    resolver: (values, context, options) => zodResolver(correctionSchema(translate.current))(values, context, options),
    reValidateMode: 'onSubmit',
  });
  /** The version the correction is made against. */
  const [base, setBase] = useState<Item>(item);
  const [conflict, setConflict] = useState<{ current: Item; fields: string[] } | null>(null);
  const save = useItemChange(item.id, (a: { version: number; body: ReturnType<typeof correctionOf> }) =>
    correctItem(item.id, a.version, a.body));

  const changedMeanwhile = (before: Item, after: Item): string[] => {
    const fields = changedPaths(valuesOf(before), valuesOf(after)).map((path) => labels[path] ?? path);
    if (before.status !== after.status) fields.push(t('fields.status'));
    if (before.assignedTo !== after.assignedTo) fields.push(t('fields.assignedTo'));
    return fields;
  };

  const send = async (request: CorrectionRequest) => {
    const body = correctionOf(valuesOf(base), form.getValues(), request);
    if (request.reason) body.reason = request.reason;
    try {
      await save.mutateAsync({ version: base.version, body });
      setConflict(null);
      onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        const current = await loadItem(item.id);
        setConflict({ current, fields: changedMeanwhile(base, current) });
        return;
      }
      const problem = toProblem(error, t('errors.offline'));
      onProblem(problem);
      for (const [path, message] of Object.entries(fieldErrors(problem))) {
        const field = path === 'patient' ? 'patient.nhsNumber' : path;
        if (PATHS.includes(field) || field === 'reason') {
          form.setError(field as FieldPath<CorrectionValues>, { type: 'service', message });
        }
      }
    }
  };

  return (
    <FormProvider {...form}>
      <form
        className="panel" aria-labelledby="edit-title" noValidate
        onSubmit={(e) => void form.handleSubmit(send, () => onProblem({ title: t('errors.checkForm'), status: 422 }))(e)}
      >
        <h2 id="edit-title">{t('item.editTitle')}</h2>
        {conflict ? (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{t('item.conflictTitle', { who: conflict.current.loggedBy })}</p>
            <p>{t('item.conflictChanged')}: {conflict.fields.join(', ') || '—'}</p>
            <div className="actions">
              <button type="button" className="primary" onClick={() => {
                client.setQueryData(itemQuery(item.id).queryKey, conflict.current);
                form.reset(startFrom(conflict.current));
                setBase(conflict.current);
                setConflict(null);
              }}>{t('item.conflictReload')}</button>
              <button type="button" onClick={() => {
                setBase(conflict.current);
                setConflict(null);
              }}>{t('item.conflictKeep')}</button>
            </div>
          </div>
        ) : null}
        <CapturedFields idPrefix="e-" onCtrlEnter={() => void form.handleSubmit(send)()} />
        <Field id="e-reason" label={t('item.editReason')} error={form.formState.errors.reason?.message}>
          <input type="text" maxLength={REASON_MAX} {...form.register('reason')} />
        </Field>
        <div className="actions">
          <button type="submit" className="primary">{t('common.save')}</button>
          <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
        </div>
      </form>
    </FormProvider>
  );
}
