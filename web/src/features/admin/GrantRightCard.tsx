import type { RegistryView } from '@civitas/contracts/api/exchange-admin.ts';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../../shared/ui/FormFields.css';
import { describeError } from '../../shared/api/describe-error.ts';
import { legalBasisLabel, purposeLabel } from '../../shared/i18n/code-labels.tsx';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { clientName, joined, serviceName } from './admin-names.ts';
import { grantAccessRight } from './exchange-admin.ts';
import {
  addPair,
  checkGrant,
  EMPTY_GRANT,
  type GrantDraft,
  type GrantField,
  type GrantProblem,
  removePair,
} from './grant-form.ts';
import { PairList } from './PairList.tsx';

type Outcome = { kind: 'granted' } | { kind: 'failed'; error: unknown } | null;

/** Grants a client purpose–basis pairs on a service this node provides (every grant is audited). */
export function GrantRightCard({ registry, onGranted }: { registry: RegistryView; onGranted: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const ids = {
    client: `${id}-client`,
    serviceId: `${id}-service`,
    endpoint: `${id}-endpoint`,
    endpointHint: `${id}-endpoint-hint`,
    purpose: `${id}-purpose`,
    legalBasis: `${id}-basis`,
    pairs: `${id}-pairs`,
  };
  const [draft, setDraft] = useState<GrantDraft>(EMPTY_GRANT);
  const [problems, setProblems] = useState<Array<{ field: GrantField; problem: GrantProblem }>>([]);
  const [pairNote, setPairNote] = useState<'incomplete' | 'duplicate' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (attempt > 0) summary.current?.focus();
  }, [attempt]);

  const clients = [
    ...registry.members.flatMap((member) => member.subsystems.map((subsystem) => subsystem.id)),
    ...registry.globalGroups.map((group) => `group:${group.code}`),
  ];
  const services = registry.members.flatMap((member) =>
    member.subsystems.flatMap((subsystem) =>
      subsystem.services.filter((service) => service.providedHere).map((service) => service.id),
    ),
  );
  const hideable = new Set(registry.legalBases.filter((basis) => basis.hideable).map((basis) => basis.code));
  const problemOf = (field: GrantField) => problems.find((problem) => problem.field === field);
  const set = (field: keyof GrantDraft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [field]: event.target.value }));

  function onAddPair() {
    const added = addPair(draft);
    if (typeof added === 'string') {
      setPairNote(added);
      return;
    }
    setPairNote(null);
    setDraft(added);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = checkGrant(draft);
    if ('problems' in checked) {
      setProblems(checked.problems);
      setOutcome(null);
      setAttempt((value) => value + 1);
      return;
    }
    setProblems([]);
    setBusy(true);
    try {
      await grantAccessRight(checked.right);
      setDraft(EMPTY_GRANT);
      setOutcome({ kind: 'granted' });
      onGranted();
    } catch (error) {
      setOutcome({ kind: 'failed', error });
    } finally {
      setBusy(false);
      setAttempt((value) => value + 1);
    }
  }

  const describedBy = (field: GrantField, extra?: string) =>
    [extra, problemOf(field) ? `${ids[field]}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: GrantField) => {
    const problem = problemOf(field);
    return problem ? (
      <p id={`${ids[field]}-error`} className="admin-field__error">
        {t(`admin.grant.errors.${problem.problem}`)}
      </p>
    ) : null;
  };

  return (
    <Card title={t('admin.grant.title')}>
      <div ref={summary} tabIndex={-1} className="admin-summary">
        {outcome?.kind === 'granted' && <Alert tone="success" title={t('admin.grant.granted')} />}
        {outcome?.kind === 'failed' && (
          <Alert tone="error" title={t('admin.grant.failed')}>
            <p>{describeError(outcome.error, t).title}</p>
            {describeError(outcome.error, t).detail && <p>{describeError(outcome.error, t).detail}</p>}
          </Alert>
        )}
        {problems.length > 0 && (
          <Alert tone="error" title={t('admin.grant.fix')}>
            <ul>
              {problems.map((problem) => (
                <li key={problem.field}>{t(`admin.grant.errors.${problem.problem}`)}</li>
              ))}
            </ul>
          </Alert>
        )}
      </div>
      <form className="admin-form" noValidate onSubmit={onSubmit}>
        <div className="admin-field">
          <label htmlFor={ids.client}>{t('admin.grant.client')}</label>
          {fieldError('client')}
          <select
            id={ids.client}
            className="form-input admin-control"
            value={draft.client}
            onChange={set('client')}
            aria-invalid={problemOf('client') ? true : undefined}
            aria-describedby={describedBy('client')}
          >
            <option value="">{t('admin.grant.choose')}</option>
            {clients.map((client) => (
              <option key={client} value={client}>
                {joined(clientName(client, registry, t))}
              </option>
            ))}
          </select>
        </div>
        <div className="admin-field">
          <label htmlFor={ids.serviceId}>{t('admin.grant.service')}</label>
          {fieldError('serviceId')}
          <select
            id={ids.serviceId}
            className="form-input admin-control"
            value={draft.serviceId}
            onChange={set('serviceId')}
            aria-invalid={problemOf('serviceId') ? true : undefined}
            aria-describedby={describedBy('serviceId')}
          >
            <option value="">{t('admin.grant.choose')}</option>
            {services.map((service) => (
              <option key={service} value={service}>
                {joined(serviceName(service, registry, t))}
              </option>
            ))}
          </select>
        </div>
        <div className="admin-field">
          <label htmlFor={ids.endpoint}>{t('admin.grant.endpoint')}</label>
          <p id={ids.endpointHint} className="secondary-text admin-field__hint">
            {t('admin.grant.endpointHint')}
          </p>
          {fieldError('endpoint')}
          <input
            id={ids.endpoint}
            className="form-input admin-control"
            value={draft.endpoint}
            onChange={set('endpoint')}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={problemOf('endpoint') ? true : undefined}
            aria-describedby={describedBy('endpoint', ids.endpointHint)}
          />
        </div>
        <fieldset className="admin-fieldset" aria-describedby={describedBy('pairs')}>
          <legend>{t('admin.grant.pairs')}</legend>
          {fieldError('pairs')}
          {draft.pairs.length > 0 && (
            <ul className="admin-list admin-list--compact">
              {draft.pairs.map((pair, index) => (
                <li key={`${pair.purpose} ${pair.legalBasis}`} className="admin-chosen-pair">
                  <PairList pairs={[pair]} hideable={hideable} />
                  <Button
                    variant="secondary"
                    onClick={() => setDraft((current) => removePair(current, index))}
                    aria-label={t('admin.grant.removePairNamed', {
                      purpose: purposeLabel(pair.purpose, t),
                      basis: legalBasisLabel(pair.legalBasis, t),
                    })}
                  >
                    {t('admin.grant.removePair')}
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <div className="admin-field">
            <label htmlFor={ids.purpose}>{t('admin.grant.purpose')}</label>
            <select
              id={ids.purpose}
              className="form-input admin-control"
              value={draft.purpose}
              onChange={set('purpose')}
            >
              <option value="">{t('admin.grant.choose')}</option>
              {registry.purposes.map((purpose) => (
                <option key={purpose} value={purpose}>
                  {purposeLabel(purpose, t)}
                </option>
              ))}
            </select>
          </div>
          <div className="admin-field">
            <label htmlFor={ids.legalBasis}>{t('admin.grant.legalBasis')}</label>
            <select
              id={ids.legalBasis}
              className="form-input admin-control"
              value={draft.legalBasis}
              onChange={set('legalBasis')}
            >
              <option value="">{t('admin.grant.choose')}</option>
              {registry.legalBases.map((basis) => (
                <option key={basis.code} value={basis.code}>
                  {legalBasisLabel(basis.code, t)}
                </option>
              ))}
            </select>
          </div>
          {pairNote && (
            <p className="admin-field__error" role="alert">
              {t(`admin.grant.pairNote.${pairNote}`)}
            </p>
          )}
          <Button variant="secondary" onClick={onAddPair}>
            {t('admin.grant.addPair')}
          </Button>
        </fieldset>
        <Button type="submit" disabled={busy}>
          {t('admin.grant.submit')}
        </Button>
      </form>
    </Card>
  );
}
