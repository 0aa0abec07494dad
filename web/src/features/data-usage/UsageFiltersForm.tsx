import type { Organisation } from '@civitas/contracts/api/data-usage.ts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { organisationNames, purposeLabel } from '../../shared/i18n/code-labels.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { isPeriodReversed, NO_FILTERS, type UsageFilters } from './usage-query.ts';
import '../../shared/ui/FormFields.css';

interface UsageFiltersFormProps {
  applied: UsageFilters;
  organisations: readonly Organisation[];
  purposes: readonly string[];
  onApply: (filters: UsageFilters) => void;
}

/** Organisation, purpose and period. Applied on submit, so the list does not move while choosing. */
export function UsageFiltersForm({ applied, organisations, purposes, onApply }: UsageFiltersFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(applied);
  const [reversed, setReversed] = useState(false);
  const toInput = useRef<HTMLInputElement>(null);
  const id = useId();
  const ids = {
    organisation: `${id}-organisation`,
    purpose: `${id}-purpose`,
    from: `${id}-from`,
    to: `${id}-to`,
    error: `${id}-period-error`,
  };

  const set = (name: keyof UsageFilters) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [name]: event.target.value }));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPeriodReversed(draft)) {
      setReversed(true);
      toInput.current?.focus();
      return;
    }
    setReversed(false);
    onApply(draft);
  }

  function clear() {
    setDraft(NO_FILTERS);
    setReversed(false);
    onApply(NO_FILTERS);
  }

  return (
    <Card title={t('dataUsage.filters.title')}>
      <form className="usage-filters" noValidate onSubmit={handleSubmit}>
        <div className="usage-filters__field">
          <label htmlFor={ids.organisation}>{t('dataUsage.filters.organisation')}</label>
          <select
            id={ids.organisation}
            className="form-input usage-filters__control"
            value={draft.organisation}
            onChange={set('organisation')}
          >
            <option value="">{t('dataUsage.filters.allOrganisations')}</option>
            {organisations.map((organisation) => {
              const { administration, system } = organisationNames(organisation, t);
              return (
                <option
                  key={organisation.id}
                  value={organisation.id}
                  lang={administration.lang ?? system.lang}
                >
                  {administration.text} – {system.text}
                </option>
              );
            })}
          </select>
        </div>
        <div className="usage-filters__field">
          <label htmlFor={ids.purpose}>{t('dataUsage.filters.purpose')}</label>
          <select
            id={ids.purpose}
            className="form-input usage-filters__control"
            value={draft.purpose}
            onChange={set('purpose')}
          >
            <option value="">{t('dataUsage.filters.allPurposes')}</option>
            {purposes.map((purpose) => (
              <option key={purpose} value={purpose}>
                {purposeLabel(purpose, t)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="usage-filters__period">
          <legend>{t('dataUsage.filters.period')}</legend>
          {reversed && (
            <p id={ids.error} className="usage-filters__error">
              {t('dataUsage.filters.periodReversed')}
            </p>
          )}
          <div className="usage-filters__dates">
            <div className="usage-filters__field">
              <label htmlFor={ids.from}>{t('dataUsage.filters.from')}</label>
              <input
                id={ids.from}
                type="date"
                className="form-input usage-filters__control"
                value={draft.from}
                onChange={set('from')}
              />
            </div>
            <div className="usage-filters__field">
              <label htmlFor={ids.to}>{t('dataUsage.filters.to')}</label>
              <input
                ref={toInput}
                id={ids.to}
                type="date"
                className="form-input usage-filters__control"
                value={draft.to}
                aria-invalid={reversed || undefined}
                aria-describedby={reversed ? ids.error : undefined}
                onChange={set('to')}
              />
            </div>
          </div>
        </fieldset>
        <div className="button-group">
          <Button type="submit">{t('dataUsage.filters.apply')}</Button>
          <Button variant="secondary" onClick={clear}>
            {t('dataUsage.filters.clear')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
