import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckedForm, useCheckedForm } from '../../shared/ui/CheckedForm.tsx';
import { ChoiceGroup, TextField, VinField } from '../../shared/ui/FormFields.tsx';
import { ChangeOutcome } from './ChangeOutcome.tsx';
import { changeLicence, recordDeath, registerNewOwner } from './change-client.ts';
import {
  type ChangeError,
  type DeathDraft,
  type LicenceDraft,
  localToday,
  type OwnerDraft,
  validateDeath,
  validateLicence,
  validateOwner,
} from './change-forms.ts';
import { useChange } from './use-change.ts';

function describe<F extends string>(t: TFunction) {
  return (error: ChangeError<F>) => t(`registerChanges.fieldErrors.${error.problem}`);
}

/** The police: suspend a valid driving licence, or restore a suspended one. */
export function LicenceCard() {
  const { t } = useTranslation();
  const id = useId();
  const change = useChange(changeLicence);
  const { draft, setDraft, field, form } = useCheckedForm({
    empty: { action: 'suspend', number: '' } as LicenceDraft,
    check: validateLicence,
    describe: describe(t),
    busy: change.busy,
    onValid: (checked) => change.run(checked.request),
  });
  return (
    <div className="stack">
      <CheckedForm
        title={t('registerChanges.licence.title')}
        summaryTitle={t('registerChanges.errorSummary')}
        form={form}
        submitLabel={t(
          draft.action === 'suspend' ? 'registerChanges.licence.suspend' : 'registerChanges.licence.restore',
        )}
        busy={change.busy}
      >
        <p>{t('registerChanges.licence.intro')}</p>
        <ChoiceGroup<LicenceDraft['action']>
          name={`${id}-action`}
          legend={t('registerChanges.licence.action')}
          value={draft.action}
          choices={[
            { value: 'suspend', label: t('registerChanges.licence.suspendChoice') },
            { value: 'restore', label: t('registerChanges.licence.restoreChoice') },
          ]}
          onChange={(action) => setDraft((current) => ({ ...current, action }))}
        />
        <TextField
          {...field('number')}
          label={t('registerChanges.licence.number')}
          hint={t('registerChanges.licence.numberHint')}
          code
          short
          maxLength={20}
        />
      </CheckedForm>
      <ChangeOutcome state={change.state} />
    </div>
  );
}

/** An official: record a person's death. */
export function DeathCard() {
  const { t } = useTranslation();
  const change = useChange(recordDeath);
  const { field, form } = useCheckedForm({
    empty: { personalNumber: '', deathDate: '' } as DeathDraft,
    check: (draft: DeathDraft) => validateDeath(draft, localToday()),
    describe: describe(t),
    busy: change.busy,
    onValid: (checked) => change.run(checked.request),
  });
  return (
    <div className="stack">
      <CheckedForm
        title={t('registerChanges.death.title')}
        summaryTitle={t('registerChanges.errorSummary')}
        form={form}
        submitLabel={t('registerChanges.death.submit')}
        busy={change.busy}
      >
        <p>{t('registerChanges.death.intro')}</p>
        <TextField
          {...field('personalNumber')}
          label={t('registerChanges.personalNumber')}
          hint={t('registerChanges.personalNumberHint')}
          numeric
          short
          maxLength={14}
        />
        <TextField {...field('deathDate')} type="date" label={t('registerChanges.death.date')} short />
      </CheckedForm>
      <ChangeOutcome state={change.state} />
    </div>
  );
}

/** An official: register a vehicle to its new owner. */
export function OwnerCard() {
  const { t } = useTranslation();
  const change = useChange(registerNewOwner);
  const { field, form } = useCheckedForm({
    empty: { vin: '', ownerId: '', eventDate: '' } as OwnerDraft,
    check: (draft: OwnerDraft) => validateOwner(draft, localToday()),
    describe: describe(t),
    busy: change.busy,
    onValid: (checked) => change.run(checked.request),
  });
  return (
    <div className="stack">
      <CheckedForm
        title={t('registerChanges.owner.title')}
        summaryTitle={t('registerChanges.errorSummary')}
        form={form}
        submitLabel={t('registerChanges.owner.submit')}
        busy={change.busy}
      >
        <p>{t('registerChanges.owner.intro')}</p>
        <VinField {...field('vin')} label={t('registerChanges.owner.vin')} />
        <TextField
          {...field('ownerId')}
          label={t('registerChanges.owner.newOwner')}
          hint={t('registerChanges.personalNumberHint')}
          numeric
          short
          maxLength={14}
        />
        <TextField {...field('eventDate')} type="date" label={t('registerChanges.owner.date')} short />
      </CheckedForm>
      <ChangeOutcome state={change.state} />
    </div>
  );
}
