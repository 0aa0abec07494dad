import type { PrescriptionStatus } from '@civitas/contracts/api/prescriptions.ts';
import { formatPrescriptionNumber } from '@civitas/contracts/health/prescription-number.ts';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/api-error.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Badge, type BadgeTone } from '../../shared/ui/Badge.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import {
  type DispenseRecorded,
  dispensePrescription,
  findPrescription,
  type PharmacyPrescription,
} from './pharmacy-client.ts';
import { Refusal } from './Refusal.tsx';

const STATUS_TONE: Record<PrescriptionStatus, BadgeTone> = {
  active: 'success',
  completed: 'neutral',
  cancelled: 'danger',
  expired: 'warning',
};

type Step =
  | { kind: 'choosing' }
  | { kind: 'confirming'; quantity: number; key: string }
  | { kind: 'dispensing'; quantity: number; key: string }
  | { kind: 'dispensed'; result: DispenseRecorded };

/** The prescription in words, and its dispensing: how many packs, a confirmation, the result. */
export function PrescriptionCard({
  prescription,
  patient,
  onUpdated,
  onNext,
}: {
  prescription: PharmacyPrescription;
  /** The personal number the pharmacist typed: sent with the dispense, never shown. */
  patient: string;
  onUpdated: (prescription: PharmacyPrescription) => void;
  onNext: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { date, dateTime } = useFormatters();
  const [step, setStep] = useState<Step>({ kind: 'choosing' });
  const [refusal, setRefusal] = useState<{ error: unknown; attempt: number } | null>(null);
  const language = (i18n.resolvedLanguage ?? 'bg') as 'bg' | 'en' | 'pl';
  const medicine = prescription.medicine.label[language] ?? prescription.medicine.label.en;
  const heading = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves to each new step's heading.
  useEffect(() => heading.current?.focus(), [step.kind]);

  async function dispense(quantity: number, key: string) {
    setStep({ kind: 'dispensing', quantity, key });
    setRefusal(null);
    try {
      const result = await dispensePrescription(prescription.number, { patient, quantity }, key);
      onUpdated({
        ...prescription,
        status: result.status,
        dispensed: result.dispensed,
        remaining: result.remaining,
        dispenses: [...prescription.dispenses, result.dispense],
      });
      setStep({ kind: 'dispensed', result });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      setRefusal({ error, attempt: Date.now() });
      if (!(error instanceof ApiError)) {
        // No answer (offline, a lost reply): "Yes" again sends the same key, so a hand-over the
        // server did record is answered again instead of being recorded twice.
        setStep({ kind: 'confirming', quantity, key });
        return;
      }
      // Refused (another pharmacy was faster, it was cancelled): show the prescription as it is now.
      setStep({ kind: 'choosing' });
      const now = await findPrescription({ number: prescription.number, patient }).catch(() => null);
      if (!now) return;
      onUpdated(now);
      // Dispensed in full, cancelled or expired meanwhile: the prescription's own warning says it.
      if (now.status !== 'active') setRefusal(null);
    }
  }

  return (
    <div className="stack">
      <Card
        title={medicine}
        aside={
          <Badge tone={STATUS_TONE[prescription.status]}>{t(`pharmacy.status.${prescription.status}`)}</Badge>
        }
      >
        <FieldList>
          <Field label={t('pharmacy.prescriptionNumber')}>
            <span className="pharmacy-number">{formatPrescriptionNumber(prescription.number)}</span>
          </Field>
          <Field label={t('pharmacy.dosage')}>{prescription.dosage}</Field>
          <Field label={t('pharmacy.left')}>
            {t('pharmacy.leftValue', { count: prescription.remaining, total: prescription.total })}
          </Field>
          <Field label={t('pharmacy.patient')}>
            {prescription.patient.birthYear
              ? t('pharmacy.patientValue', {
                  name: prescription.patient.name,
                  year: prescription.patient.birthYear,
                })
              : prescription.patient.name}
          </Field>
          <Field label={t('pharmacy.prescriber')}>
            {t('pharmacy.prescriberValue', prescription.prescriber)}
          </Field>
          <Field label={t('pharmacy.issued')}>{date(prescription.authoredOn.slice(0, 10))}</Field>
          <Field label={t('pharmacy.validUntil')}>{date(prescription.expiresAt.slice(0, 10))}</Field>
        </FieldList>
        {prescription.dispenses.length > 0 && (
          <>
            <h3 className="pharmacy-subtitle">{t('pharmacy.previousDispenses')}</h3>
            <ul className="pharmacy-dispenses">
              {prescription.dispenses.map((entry) => (
                <li key={entry.id}>
                  {t('pharmacy.dispenseEntry', {
                    count: entry.quantity,
                    when: dateTime(entry.whenHandedOver),
                    pharmacy: entry.pharmacy,
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>

      <div ref={heading} tabIndex={-1} className="stack">
        {refusal && <Refusal key={refusal.attempt} error={refusal.error} />}
        {step.kind === 'dispensed' ? (
          <Alert tone="success" title={t('pharmacy.dispensedTitle')}>
            <p>
              {t('pharmacy.dispensedBody', { count: step.result.dispense.quantity, medicine })}{' '}
              {step.result.status === 'completed'
                ? t('pharmacy.dispensedComplete')
                : t('pharmacy.dispensedRemaining', { count: step.result.remaining })}
            </p>
          </Alert>
        ) : prescription.status !== 'active' ? (
          <Alert tone="warning" title={t(`pharmacy.notDispensable.${prescription.status}`)}>
            <p>{t('pharmacy.notDispensableBody')}</p>
          </Alert>
        ) : step.kind === 'choosing' ? (
          <QuantityForm
            key={prescription.remaining}
            remaining={prescription.remaining}
            perFill={prescription.quantity}
            onChoose={(quantity) => setStep({ kind: 'confirming', quantity, key: crypto.randomUUID() })}
          />
        ) : (
          <Card title={t('pharmacy.confirmTitle')}>
            <p>
              {t('pharmacy.confirmBody', {
                count: step.quantity,
                medicine,
                patient: prescription.patient.name,
              })}
            </p>
            <div className="button-group">
              <Button
                className="button--large"
                disabled={step.kind === 'dispensing'}
                onClick={() => dispense(step.quantity, step.key)}
              >
                {step.kind === 'dispensing' ? t('pharmacy.dispensing') : t('pharmacy.confirm')}
              </Button>
              <Button
                variant="secondary"
                disabled={step.kind === 'dispensing'}
                onClick={() => setStep({ kind: 'choosing' })}
              >
                {t('pharmacy.back')}
              </Button>
            </div>
          </Card>
        )}
      </div>
      <div className="button-group">
        <Button variant={step.kind === 'dispensed' ? 'primary' : 'secondary'} onClick={onNext}>
          {t('pharmacy.next')}
        </Button>
      </div>
    </div>
  );
}

/** How many packs to hand over: all that is left, one fill, or another number up to what is left. */
function QuantityForm({
  remaining,
  perFill,
  onChoose,
}: {
  remaining: number;
  perFill: number;
  onChoose: (quantity: number) => void;
}) {
  const { t } = useTranslation();
  const [quantity, setQuantity] = useState(Math.min(perFill, remaining));
  const id = useId();
  return (
    <Card title={t('pharmacy.dispenseTitle')}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          onChoose(quantity);
        }}
      >
        <div className="form-group">
          <label className="form-label" htmlFor={id}>
            {t('pharmacy.quantity')}
          </label>
          <span className="form-hint" id={`${id}-hint`}>
            {t('pharmacy.quantityHint', { count: remaining })}
          </span>
          <select
            id={id}
            className="form-input form-input--short"
            aria-describedby={`${id}-hint`}
            value={quantity}
            onChange={(event) => setQuantity(Number(event.target.value))}
          >
            {Array.from({ length: remaining }, (_, i) => i + 1).map((count) => (
              <option key={count} value={count}>
                {t('pharmacy.packs', { count })}
              </option>
            ))}
          </select>
        </div>
        <div className="button-group">
          <Button type="submit" className="button--large">
            {t('pharmacy.dispense')}
          </Button>
          {quantity !== remaining && (
            <Button variant="secondary" onClick={() => onChoose(remaining)}>
              {t('pharmacy.dispenseAll', { count: remaining })}
            </Button>
          )}
        </div>
      </form>
    </Card>
  );
}
