import { useTranslation } from 'react-i18next';
import { legalBasisLabel, purposeLabel } from '../../shared/i18n/code-labels.tsx';
import { CheckedForm, useCheckedForm } from '../../shared/ui/CheckedForm.tsx';
import { SelectField, TextField } from '../../shared/ui/FormFields.tsx';
import {
  AUDIT_PURPOSES,
  type AuditSearch,
  type AuditSearchError,
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
  const checked = useCheckedForm({
    empty: EMPTY_AUDIT_SEARCH,
    check: validateAuditSearch,
    describe: (error: AuditSearchError) =>
      error.problem === 'required'
        ? t(`auditConsole.search.errors.${error.field as 'purpose' | 'legalBasis'}Required`)
        : t(`auditConsole.search.errors.${error.problem}`),
    busy,
    onValid: (result) => onSearch(result.search),
    forgetOnChange: true,
  });
  const { draft, setDraft, forget, field } = checked;
  const bases = auditBasesFor(draft.purpose);

  function choosePurpose(purpose: string) {
    const granted = auditBasesFor(purpose);
    setDraft((current) => ({ ...current, purpose, legalBasis: granted.length === 1 ? granted[0]! : '' }));
    forget('purpose', 'legalBasis');
  }

  return (
    <CheckedForm
      title={t('auditConsole.search.title')}
      summaryTitle={t('auditConsole.search.errorSummary')}
      form={checked.form}
      submitLabel={t('auditConsole.search.submit')}
      busy={busy}
    >
      <p className="form-hint">{t('auditConsole.search.recorded')}</p>
      <SelectField
        {...field('purpose')}
        label={t('auditConsole.search.purpose')}
        placeholder={t('auditConsole.search.choosePurpose')}
        options={AUDIT_PURPOSES.map((purpose) => ({
          value: purpose,
          label: purposeLabel(purpose, t),
        }))}
        onChange={choosePurpose}
      />
      <SelectField
        {...field('legalBasis')}
        label={t('auditConsole.search.legalBasis')}
        hint={draft.purpose ? undefined : t('auditConsole.search.legalBasisFirstPurpose')}
        placeholder={t('auditConsole.search.chooseLegalBasis')}
        options={bases.map((basis) => ({
          value: basis,
          label: legalBasisLabel(basis, t),
        }))}
      />
      <TextField
        {...field('subject')}
        label={t('auditConsole.search.subject')}
        hint={t('auditConsole.search.subjectHint')}
        numeric
        short
        optional
        maxLength={14}
      />
      <TextField {...field('from')} type="date" label={t('auditConsole.search.from')} short optional />
      <TextField {...field('to')} type="date" label={t('auditConsole.search.to')} short optional />
    </CheckedForm>
  );
}
