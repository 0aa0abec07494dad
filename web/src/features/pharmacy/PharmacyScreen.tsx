import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/api-error.ts';
import { CheckedForm, useCheckedForm } from '../../shared/ui/CheckedForm.tsx';
import { TextField } from '../../shared/ui/FormFields.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { EMPTY_FIND, type FindCheck, type FindDraft, type FindError, validateFind } from './find-form.ts';
import { PrescriptionCard } from './PrescriptionCard.tsx';
import { findPrescription, type PharmacyPrescription } from './pharmacy-client.ts';
import { QrScan } from './QrScan.tsx';
import { Refusal } from './Refusal.tsx';
import './Pharmacy.css';

type Search =
  | { kind: 'filling' }
  | { kind: 'searching' }
  | { kind: 'found'; prescription: PharmacyPrescription; patient: string }
  | { kind: 'refused'; error: unknown; attempt: number };

/**
 * The pharmacist's workspace: find a prescription by its number (typed, scanned or read from a
 * picture of its QR) and the patient's personal number, see it in words, and dispense all or
 * part of it after a confirmation. The personal number is never shown back.
 */
export function PharmacyScreen() {
  const { t } = useTranslation();
  const [search, setSearch] = useState<Search>({ kind: 'filling' });

  async function find(checked: Extract<FindCheck, { ok: true }>) {
    setSearch({ kind: 'searching' });
    try {
      const prescription = await findPrescription(checked.request);
      setSearch({ kind: 'found', prescription, patient: checked.request.patient });
    } catch (error) {
      // An expired session has already gone back to sign-in.
      if (error instanceof ApiError && error.status === 401) return;
      setSearch({ kind: 'refused', error, attempt: Date.now() });
    }
  }

  return (
    <div className="stack pharmacy">
      <PageHeading title={t('pharmacy.title')}>{t('pharmacy.title')}</PageHeading>
      {search.kind === 'found' ? (
        <PrescriptionCard
          prescription={search.prescription}
          patient={search.patient}
          onUpdated={(prescription) => setSearch({ ...search, prescription })}
          onNext={() => setSearch({ kind: 'filling' })}
        />
      ) : (
        <>
          <p className="lead">{t('pharmacy.intro')}</p>
          <FindForm busy={search.kind === 'searching'} onSubmit={find} />
          {search.kind === 'refused' && <Refusal key={search.attempt} error={search.error} />}
        </>
      )}
    </div>
  );
}

function FindForm({
  busy,
  onSubmit,
}: {
  busy: boolean;
  onSubmit: (checked: Extract<FindCheck, { ok: true }>) => void;
}) {
  const { t } = useTranslation();
  const { setDraft, forget, field, form } = useCheckedForm({
    empty: EMPTY_FIND,
    check: validateFind,
    describe: (error: FindError) => fieldError(error, t),
    busy,
    onValid: onSubmit,
  });
  return (
    <CheckedForm
      title={t('pharmacy.findTitle')}
      summaryTitle={t('pharmacy.errorSummary')}
      form={form}
      submitLabel={busy ? t('pharmacy.searching') : t('pharmacy.find')}
      busy={busy}
    >
      <TextField
        {...field('number')}
        label={t('pharmacy.number')}
        hint={t('pharmacy.numberHint')}
        code
        maxLength={20}
      />
      <QrScan
        onNumber={(number) => {
          setDraft((current: FindDraft) => ({ ...current, number }));
          forget('number');
        }}
      />
      <TextField
        {...field('personalNumber')}
        label={t('pharmacy.personalNumber')}
        hint={t('pharmacy.personalNumberHint')}
        numeric
        short
        maxLength={14}
      />
    </CheckedForm>
  );
}

function fieldError(error: FindError, t: TFunction): string {
  switch (error.problem) {
    case 'required':
      return t(`pharmacy.fieldErrors.${error.field}Required`);
    case 'number-length':
      return t('pharmacy.fieldErrors.numberLength');
    case 'number-invalid':
      return t('pharmacy.fieldErrors.numberInvalid');
    case 'personal-number-digits':
      return t('pharmacy.fieldErrors.personalNumberDigits');
  }
}
