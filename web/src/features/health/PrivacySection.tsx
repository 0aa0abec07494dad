import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { describeError } from '../../shared/api/describe-error.ts';
import { useSavedApiResource } from '../../shared/api/use-api-resource.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { useSessionTimes } from '../data-usage/session-time.ts';
import { type AccessSession, accessSessions } from './access-sessions.ts';
import { type AccessAction, accessesOf, type RecordAccess } from './accesses.ts';
import { fetchAccesses, type HealthRecord } from './fhir-record.ts';
import { useAudienceText } from './HideControl.tsx';
import type { AccessRestriction, HealthPatient, RestrictionTarget } from './health-api.ts';
import { addRestriction, removeRestriction } from './health-requests.ts';
import { recordPractitioners } from './record-people.ts';
import { categoryChoices, targetWords } from './restriction-words.ts';
import { useRestrictions } from './restrictions-context.ts';

/** Who may see what (EHDS Art. 8: the patient's restrictions) and who saw it (Art. 9: the accesses). */
export function PrivacySection({ record, patient }: { record: HealthRecord; patient: HealthPatient }) {
  return (
    <>
      <RestrictionsCard record={record} />
      <AccessesCard patient={patient} />
    </>
  );
}

function RestrictionsCard({ record }: { record: HealthRecord }) {
  const { t } = useTranslation();
  const restrictions = useRestrictions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function remove(restriction: AccessRestriction) {
    setBusy(true);
    setError(null);
    try {
      await removeRestriction(restriction.id);
      restrictions.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('health.restrictions.title')}>
      <p>{t('health.restrictions.intro')}</p>
      {restrictions.list === null && <p>{t('health.restrictions.unavailable')}</p>}
      {restrictions.list?.length === 0 && <p>{t('health.restrictions.none')}</p>}
      {restrictions.list && restrictions.list.length > 0 && (
        <ul className="health-list">
          {restrictions.list.map((restriction) => (
            <RestrictionItem
              key={restriction.id}
              restriction={restriction}
              record={record}
              busy={busy}
              onRemove={() => remove(restriction)}
            />
          ))}
        </ul>
      )}
      {error !== null && <ActionFailed title={t('health.hide.failed')} error={error} />}
      {restrictions.list && <CategoryForm record={record} />}
    </Card>
  );
}

function useTargetText(record: HealthRecord) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return (target: RestrictionTarget) => {
    const words = targetWords(target, record, language);
    const type = t(`health.resourceTypes.${words.resourceType}` as 'health.resourceTypes.other', {
      defaultValue: t('health.resourceTypes.other'),
    });
    if (words.kind === 'named') {
      const name = words.name ?? type;
      return words.date ? `${name}, ${format.date(words.date)}` : name;
    }
    if (
      words.resourceType === 'Observation' &&
      (words.category === 'laboratory' || words.category === 'vital-signs')
    )
      return t(`health.restrictions.observationCategory.${words.category}`);
    if (words.category === null) return t('health.restrictions.wholeType', { type });
    return t('health.restrictions.category', {
      type,
      name: words.name ?? t('health.restrictions.someCategory'),
    });
  };
}

function RestrictionItem({
  restriction,
  record,
  busy,
  onRemove,
}: {
  restriction: AccessRestriction;
  record: HealthRecord;
  busy: boolean;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const text = useTargetText(record)(restriction.target);
  const audienceText = useAudienceText(recordPractitioners(record));
  return (
    <li className="health-item">
      <h3 className="health-item__title">{text}</h3>
      <p>{audienceText(restriction.from)}</p>
      <Button
        variant="secondary"
        disabled={busy}
        aria-label={t('health.hide.showAgainNamed', { what: text })}
        onClick={onRemove}
      >
        {t('health.hide.showAgain')}
      </Button>
    </li>
  );
}

/** Hide a whole category (a document type, all laboratory results) from all but the GP or from one doctor. */
function CategoryForm({ record }: { record: HealthRecord }) {
  const { t } = useTranslation();
  const restrictions = useRestrictions();
  const textOf = useTargetText(record);
  const choices = categoryChoices(record);
  const practitioners = recordPractitioners(record);
  const [category, setCategory] = useState('');
  const [audience, setAudience] = useState('all-but-gp');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const categoryId = useId();
  const audienceId = useId();
  const errorId = useId();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const target = choices[Number(category)];
    if (category === '' || !target) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const doctor = practitioners.find((practitioner) => practitioner.practitionerId === audience);
    setBusy(true);
    setError(null);
    try {
      await addRestriction({
        patientId: restrictions.patientId,
        target,
        from: doctor
          ? { kind: 'practitioner', practitionerId: doctor.practitionerId }
          : { kind: 'all-but-gp' },
      });
      setCategory('');
      restrictions.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="health-category-form" onSubmit={submit} noValidate>
      <h3>{t('health.restrictions.addTitle')}</h3>
      <div className={missing ? 'form-group form-group--error' : 'form-group'}>
        <label className="form-label" htmlFor={categoryId}>
          {t('health.restrictions.what')}
        </label>
        {missing && (
          <span id={errorId} className="form-error">
            {t('health.restrictions.chooseCategory')}
          </span>
        )}
        <select
          id={categoryId}
          className="form-input form-select"
          value={category}
          aria-invalid={missing ? true : undefined}
          aria-describedby={missing ? errorId : undefined}
          onChange={(event) => setCategory(event.target.value)}
        >
          <option value="">{t('health.restrictions.choose')}</option>
          {choices.map((choice, i) => (
            <option key={textOf(choice)} value={String(i)}>
              {textOf(choice)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor={audienceId}>
          {t('health.restrictions.fromWhom')}
        </label>
        <select
          id={audienceId}
          className="form-input form-select"
          value={audience}
          onChange={(event) => setAudience(event.target.value)}
        >
          <option value="all-but-gp">{t('health.hide.allButGp')}</option>
          {practitioners.map((practitioner) => (
            <option key={practitioner.practitionerId} value={practitioner.practitionerId}>
              {t('health.hide.onlyFrom', { name: practitioner.name })}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" disabled={busy}>
        {t('health.restrictions.add')}
      </Button>
      {error !== null && <ActionFailed title={t('health.hide.failed')} error={error} />}
    </form>
  );
}

function AccessesCard({ patient }: { patient: HealthPatient }) {
  const { t } = useTranslation();
  const { state } = useSavedApiResource((signal) => fetchAccesses(patient.patientId, signal));
  return (
    <Card title={t('health.accesses.title')}>
      <p>{t('health.accesses.intro')}</p>
      {state.kind === 'loading' && <LoadingIndicator label={t('health.accesses.loading')} />}
      {state.kind === 'failed' && <p>{t('health.accesses.unavailable')}</p>}
      {state.kind === 'loaded' && <AccessList accesses={accessesOf(state.value)} />}
      <p>
        <Link href="/data-usage">{t('health.accesses.allUses')}</Link>
      </p>
    </Card>
  );
}

function AccessList({ accesses }: { accesses: RecordAccess[] }) {
  const { t } = useTranslation();
  const sessions = accessSessions(accesses);
  if (sessions.length === 0) return <p>{t('health.accesses.none')}</p>;
  return (
    <ul className="health-list">
      {sessions.map((session) => (
        <AccessSessionItem key={session.id} session={session} />
      ))}
    </ul>
  );
}

/**
 * Who accessed the record, as one line per session: the doctor's name and organisation (the
 * organisation alone for events that name no person, with what they were), when, how often, what.
 */
function AccessSessionItem({ session }: { session: AccessSession }) {
  const { t } = useTranslation();
  const times = useSessionTimes();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const count = session.accesses.length;
  const title =
    session.who && session.organisation
      ? `${session.who} — ${session.organisation}`
      : (session.who ?? session.organisation ?? t(`health.accesses.role.${session.role}`));
  return (
    <li className={session.emergency ? 'health-item health-item--emergency' : 'health-item'}>
      <div className="health-item__head">
        <h3 className="health-item__title">{title}</h3>
        {session.emergency && <Badge tone="danger">{t('health.accesses.emergency')}</Badge>}
      </div>
      {!session.who && session.organisation && (
        <p className="secondary-text">{t(`health.accesses.role.${session.role}`)}</p>
      )}
      <p>
        {times.range(session.first, session.last)}
        {count > 1 && ` · ${t('health.accesses.session.accesses', { count })}`}
      </p>
      <p className="secondary-text">
        <AccessWhat actions={session.actions} resourceTypes={session.resourceTypes} />
      </p>
      {session.purpose && (
        <p className="secondary-text">{t(`purposes.${session.purpose}` as 'purposes.medical-treatment')}</p>
      )}
      {count > 1 && (
        <>
          <Button
            variant="secondary"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen((value) => !value)}
          >
            {open ? t('health.accesses.session.hide') : t('health.accesses.session.show', { count })}
          </Button>
          <ol id={listId} hidden={!open} className="health-access-session">
            {open &&
              session.accesses.map((access) => (
                <li key={access.id}>
                  <time dateTime={access.when}>{times.timeOfDay(access.when)}</time> ·{' '}
                  <AccessWhat actions={[access.action]} resourceTypes={access.resourceTypes} />
                </li>
              ))}
          </ol>
        </>
      )}
    </li>
  );
}

/** What was done, to which kinds of data: "read: Observations, Conditions". */
function AccessWhat({ actions, resourceTypes }: { actions: AccessAction[]; resourceTypes: string[] }) {
  const { t } = useTranslation();
  const done = actions.map((action) => t(`health.accesses.action.${action}`)).join(', ');
  const types = resourceTypes
    .map((type) =>
      t(`health.resourceTypes.${type}` as 'health.resourceTypes.other', {
        defaultValue: t('health.resourceTypes.other'),
      }),
    )
    .join(', ');
  return <>{types ? `${done}: ${types}` : done}</>;
}

function ActionFailed({ title, error }: { title: string; error: unknown }) {
  const { t } = useTranslation();
  const description = describeError(error, t);
  return (
    <Alert tone="error" title={title}>
      <p>{description.title}</p>
      {description.detail && <p>{description.detail}</p>}
    </Alert>
  );
}
