import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/api-error.ts';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { hasControlCharacters } from './break-glass-form.ts';
import { type Clinician, type ListedPatient, patientsOf, referredTo } from './clinician-client.ts';
import { PatientFacts, PatientName } from './PatientFacts.tsx';
import { conceptLabel } from './terms.ts';

type ListState =
  | { kind: 'loading' }
  | { kind: 'loaded'; own: ListedPatient[] }
  | { kind: 'failed'; error: unknown };

const NAME_MAX = 100;

/** A GP's patients, searchable by name. */
export function PatientList({ me, onOpen }: { me: Clinician; onOpen: (patientId: string) => void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [typed, setTyped] = useState('');
  const [name, setName] = useState('');
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<ListState>({ kind: 'loading' });
  const invalid = hasControlCharacters(typed) || [...typed].length > NAME_MAX;

  const load = useCallback(
    async (signal: AbortSignal) => ({ own: await patientsOf(me, name, signal) }),
    [me, name],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    load(controller.signal).then(
      (lists) => setState({ kind: 'loaded', ...lists }),
      (error: unknown) => {
        if (controller.signal.aborted || (error instanceof ApiError && error.status === 401)) return;
        setState({ kind: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [load, attempt]);

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!invalid) setName(typed.trim());
  }

  return (
    <Card title={t('clinician.list.title')}>
      <search>
        <form className="form clinic-search" onSubmit={search}>
          <div className={invalid ? 'form-group form-group--error' : 'form-group'}>
            <label className="form-label" htmlFor={inputId}>
              {t('clinician.list.searchLabel')}
            </label>
            {invalid && (
              <span id={`${inputId}-error`} className="form-error">
                {t('clinician.list.searchInvalid', { max: NAME_MAX })}
              </span>
            )}
            <input
              id={inputId}
              className="form-input"
              type="search"
              value={typed}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={invalid ? true : undefined}
              aria-describedby={invalid ? `${inputId}-error` : undefined}
              onChange={(event) => setTyped(event.target.value)}
            />
          </div>
          <div className="button-group">
            <Button type="submit">{t('clinician.list.search')}</Button>
            {name && (
              <Button
                variant="secondary"
                onClick={() => {
                  setTyped('');
                  setName('');
                }}
              >
                {t('clinician.list.showAll')}
              </Button>
            )}
          </div>
        </form>
      </search>
      {state.kind === 'loading' && <LoadingIndicator label={t('clinician.list.loading')} />}
      {state.kind === 'failed' && (
        <LoadFailed
          title={t('clinician.list.failed')}
          error={state.error}
          retryLabel={t('clinician.retry')}
          onRetry={() => setAttempt((value) => value + 1)}
        />
      )}
      {state.kind === 'loaded' &&
        (state.own.length === 0 ? (
          <p>{name ? t('clinician.list.noMatch') : t('clinician.list.empty')}</p>
        ) : (
          <>
            <p className="clinic-count" aria-live="polite">
              {t('clinician.list.count', { count: state.own.length })}
            </p>
            <Patients listed={state.own} onOpen={onOpen} />
          </>
        ))}
    </Card>
  );
}

/**
 * The patients with an active referral to the doctor: a specialist's list (always shown, even
 * empty); on a GP's screen only when someone was referred to them.
 */
export function ReferredPatients({ me, onOpen }: { me: Clinician; onOpen: (patientId: string) => void }) {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => referredTo(me, signal), [me]);
  const referred = useApiResource(load);
  const shown =
    !me.generalPractitioner || (referred.state.kind === 'loaded' && referred.state.value.length > 0);
  if (!shown) return null;
  return (
    <Card title={t('clinician.list.referredTitle')}>
      {referred.state.kind === 'loading' && <LoadingIndicator label={t('clinician.list.loading')} />}
      {referred.state.kind === 'failed' && (
        <LoadFailed
          title={t('clinician.list.failed')}
          error={referred.state.error}
          retryLabel={t('clinician.retry')}
          onRetry={referred.retry}
        />
      )}
      {referred.state.kind === 'loaded' &&
        (referred.state.value.length === 0 ? (
          <p>{t('clinician.list.noReferrals')}</p>
        ) : (
          <Patients listed={referred.state.value} onOpen={onOpen} />
        ))}
    </Card>
  );
}

function Patients({ listed, onOpen }: { listed: ListedPatient[]; onOpen: (patientId: string) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="clinic-patients">
      {listed.map(({ patient, referral }) => (
        <li key={patient.id} className="clinic-patient">
          <div className="clinic-patient__who">
            <span className="clinic-patient__name">
              <PatientName patient={patient} />
            </span>
            <PatientFacts patient={patient} />
            {referral && (
              <span className="clinic-patient__why">
                {t('clinician.list.referredFor', {
                  reason:
                    conceptLabel(referral.reasonCode?.[0], i18n.language) ?? t('clinician.list.noReason'),
                })}
              </span>
            )}
          </div>
          <Button variant="secondary" onClick={() => patient.id && onOpen(patient.id)}>
            {t('clinician.list.open')}
            <span className="visually-hidden">
              {': '}
              <PatientName patient={patient} />
            </span>
          </Button>
        </li>
      ))}
    </ul>
  );
}
