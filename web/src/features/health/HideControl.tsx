import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/describe-error.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import type {
  AccessRestriction,
  NewRestriction,
  RestrictionAudience,
  RestrictionTarget,
} from './health-api.ts';
import { addRestriction, removeRestriction } from './health-requests.ts';
import type { RecordPractitioner } from './record-people.ts';
import { useRestrictions } from './restrictions-context.ts';

const ALL_BUT_GP = 'all-but-gp';

/** Whether a restriction hides exactly this target. */
export function restricts(restriction: AccessRestriction, target: RestrictionTarget): boolean {
  if (target.kind === 'resource')
    return restriction.target.kind === 'resource' && restriction.target.reference === target.reference;
  return (
    restriction.target.kind === 'category' &&
    restriction.target.resourceType === target.resourceType &&
    restriction.target.category === target.category
  );
}

/** From whom a restriction hides, in words (a doctor by the name the server or the record gives). */
export function useAudienceText(
  practitioners: readonly RecordPractitioner[],
): (from: RestrictionAudience) => string {
  const { t } = useTranslation();
  return (from) => {
    if (from.kind === 'all-but-gp') return t('health.hide.hiddenAllButGp');
    const name =
      from.name ??
      practitioners.find((practitioner) => practitioner.practitionerId === from.practitionerId)?.name;
    return t('health.hide.hiddenFrom', { name: name ?? t('health.hide.aDoctor') });
  };
}

/**
 * "Hide" beside a document or a condition (EHDS Art. 8): from all doctors but the GP, or from one
 * doctor the record names; and, once hidden, from whom, with "Show again".
 */
export function HideControl({
  target,
  what,
  practitioners,
}: {
  target: RestrictionTarget;
  /** The item's name, for the buttons' accessible names. */
  what: string;
  practitioners: readonly RecordPractitioner[];
}) {
  const { t } = useTranslation();
  const restrictions = useRestrictions();
  const audienceText = useAudienceText(practitioners);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [audience, setAudience] = useState<string>(ALL_BUT_GP);
  const groupName = useId();
  if (!restrictions.list) return null;
  const existing = restrictions.list.filter((restriction) => restricts(restriction, target));

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      setOpen(false);
      restrictions.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  function hide() {
    const doctor = practitioners.find((practitioner) => practitioner.practitionerId === audience);
    const from: NewRestriction['from'] = doctor
      ? { kind: 'practitioner', practitionerId: doctor.practitionerId }
      : { kind: 'all-but-gp' };
    return run(() => addRestriction({ patientId: restrictions.patientId, target, from }));
  }

  return (
    <div className="health-hide">
      {existing.map((restriction) => (
        <p key={restriction.id} className="health-hide__state">
          <span>{audienceText(restriction.from)}</span>{' '}
          <Button
            variant="secondary"
            disabled={busy}
            aria-label={t('health.hide.showAgainNamed', { what })}
            onClick={() => run(() => removeRestriction(restriction.id))}
          >
            {t('health.hide.showAgain')}
          </Button>
        </p>
      ))}
      {/* Hidden from everyone but the GP already: hiding it from one doctor more would change nothing. */}
      {!open && !existing.some((restriction) => restriction.from.kind === 'all-but-gp') && (
        <Button
          variant="secondary"
          aria-label={t('health.hide.hideNamed', { what })}
          onClick={() => setOpen(true)}
        >
          {t('health.hide.hide')}
        </Button>
      )}
      {open && (
        <fieldset className="form-group health-hide__form">
          <legend>{t('health.hide.legend', { what })}</legend>
          <div className="form-choices">
            <label className="form-choice">
              <input
                type="radio"
                name={groupName}
                value={ALL_BUT_GP}
                checked={audience === ALL_BUT_GP}
                onChange={() => setAudience(ALL_BUT_GP)}
              />
              {t('health.hide.allButGp')}
            </label>
            {practitioners.map((practitioner) => (
              <label key={practitioner.practitionerId} className="form-choice">
                <input
                  type="radio"
                  name={groupName}
                  value={practitioner.practitionerId}
                  checked={audience === practitioner.practitionerId}
                  onChange={() => setAudience(practitioner.practitionerId)}
                />
                {t('health.hide.onlyFrom', { name: practitioner.name })}
              </label>
            ))}
          </div>
          <p className="secondary-text">{t('health.hide.breakGlassNote')}</p>
          <div className="button-group">
            <Button disabled={busy} onClick={hide}>
              {t('health.hide.confirm')}
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => setOpen(false)}>
              {t('health.hide.cancel')}
            </Button>
          </div>
        </fieldset>
      )}
      {error !== null && <HideFailed error={error} />}
    </div>
  );
}

function HideFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const { title, detail } = describeError(error, t);
  return (
    <Alert tone="error" title={t('health.hide.failed')}>
      <p>{title}</p>
      {detail && <p>{detail}</p>}
    </Alert>
  );
}
