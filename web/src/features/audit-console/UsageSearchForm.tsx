import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { ErrorSummary, SelectField, TextField } from '../../shared/ui/FormFields.tsx';
import { legalBasisLabel, purposeLabel } from '../data-usage/labels.tsx';
import {
  AUDIT_PURPOSES,
  type AuditSearch,
  type AuditSearchDraft,
  type AuditSearchError,
  type AuditSearchField,
  auditBasesFor,
  EMPTY_AUDIT_SEARCH,
  validateAuditSearch,
} from './audit-query.ts';

/** The auditor's own grounds for looking (required and recorded), whose records, and when. */
export function UsageSearchForm({
  busy,
  onSearch,
}: {
  busy: boolean;
  onSearch: (search: AuditSearch) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AuditSearchDraft>(EMPTY_AUDIT_SEARCH);
  const [errors, setErrors] = useState<AuditSearchError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const id = useId();
  const inputId = (field: AuditSearchField) => `${id}-${field}`;
  const bases = auditBasesFor(draft.purpose);

  const set = (field: AuditSearchField) => (value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => current.filter((error) => error.field !== field));
  };

  function choosePurpose(purpose: string) {
    const granted = auditBasesFor(purpose);
    setDraft((current) => ({ ...current, purpose, legalBasis: granted.length === 1 ? granted[0]! : '' }));
    setErrors((current) =>
      current.filter((error) => error.field !== 'purpose' && error.field !== 'legalBasis'),
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const result = validateAuditSearch(draft);
    setAttempt((value) => value + 1);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    onSearch(result.search);
  }

  const message = (error: AuditSearchError) =>
    error.problem === 'required'
      ? t(`auditConsole.search.errors.${error.field as 'purpose' | 'legalBasis'}Required`)
      : t(`auditConsole.search.errors.${error.problem}`);
  const errorFor = (field: AuditSearchField) => {
    const error = errors.find((candidate) => candidate.field === field);
    return error ? message(error) : null;
  };

  return (
    <Card title={t('auditConsole.search.title')}>
      <form className="form" noValidate onSubmit={handleSubmit}>
        <ErrorSummary
          title={t('auditConsole.search.errorSummary')}
          errors={errors.map((error) => ({ id: inputId(error.field), message: message(error) }))}
          attempt={attempt}
        />
        <p className="form-hint">{t('auditConsole.search.recorded')}</p>
        <SelectField
          id={inputId('purpose')}
          label={t('auditConsole.search.purpose')}
          value={draft.purpose}
          error={errorFor('purpose')}
          placeholder={t('auditConsole.search.choosePurpose')}
          options={AUDIT_PURPOSES.map((purpose) => ({
            value: purpose,
            label: purposeLabel(purpose, t),
          }))}
          onChange={choosePurpose}
        />
        <SelectField
          id={inputId('legalBasis')}
          label={t('auditConsole.search.legalBasis')}
          hint={draft.purpose ? undefined : t('auditConsole.search.legalBasisFirstPurpose')}
          value={draft.legalBasis}
          error={errorFor('legalBasis')}
          placeholder={t('auditConsole.search.chooseLegalBasis')}
          options={bases.map((basis) => ({
            value: basis,
            label: legalBasisLabel(basis, t),
          }))}
          onChange={set('legalBasis')}
        />
        <TextField
          id={inputId('subject')}
          label={t('auditConsole.search.subject')}
          hint={t('auditConsole.search.subjectHint')}
          value={draft.subject}
          error={errorFor('subject')}
          onChange={set('subject')}
          numeric
          short
          optional
          maxLength={14}
        />
        <TextField
          id={inputId('from')}
          type="date"
          label={t('auditConsole.search.from')}
          value={draft.from}
          error={errorFor('from')}
          onChange={set('from')}
          short
          optional
        />
        <TextField
          id={inputId('to')}
          type="date"
          label={t('auditConsole.search.to')}
          value={draft.to}
          error={errorFor('to')}
          onChange={set('to')}
          short
          optional
        />
        <div className="button-group">
          <Button type="submit" className="button--large" disabled={busy}>
            {t('auditConsole.search.submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
