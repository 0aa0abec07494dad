import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSavedApiResource } from '../../shared/api/use-api-resource.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Badge, type BadgeTone } from '../../shared/ui/Badge.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { fetchPrescriptionView } from './health-requests.ts';
import { PrescriptionQr } from './PrescriptionQr.tsx';
import {
  groupedNumber,
  type PrescriptionStage,
  type ShownPrescription,
  shownPrescriptions,
} from './prescriptions.ts';
import { codeLabel, termLocale } from './terms.ts';

/** How many earlier prescriptions are listed at first (a chronic patient has dozens). */
const EARLIER_PAGE = 5;

const STAGE_TONES: Record<PrescriptionStage, BadgeTone> = {
  active: 'success',
  'partly-dispensed': 'warning',
  dispensed: 'neutral',
  cancelled: 'danger',
  expired: 'neutral',
  stopped: 'neutral',
  'on-hold': 'warning',
  other: 'neutral',
};

/** The prescriptions, the ones waiting at the pharmacy with their QR; dispenses as they happen. */
export function PrescriptionsSection({ patientId, self }: { patientId: string; self: boolean }) {
  const { t } = useTranslation();
  const { state, retry } = useSavedApiResource((signal) => fetchPrescriptionView(patientId, signal));
  const [shownEarlier, setShownEarlier] = useState(EARLIER_PAGE);
  if (state.kind === 'loading') return <LoadingIndicator label={t('health.prescriptions.loading')} />;
  if (state.kind === 'failed')
    return (
      <LoadFailed
        title={t('health.prescriptions.loadFailed')}
        error={state.error}
        retryLabel={t('health.retry')}
        onRetry={retry}
      />
    );
  const prescriptions = shownPrescriptions(state.value.fromService, state.value.requests, self);
  const waiting = prescriptions.filter(
    (item) => item.stage === 'active' || item.stage === 'partly-dispensed',
  );
  const others = prescriptions.filter((item) => !waiting.includes(item));
  return (
    <>
      <Card title={t('health.prescriptions.title')}>
        <p>{t('health.prescriptions.intro')}</p>
        {waiting.length === 0 && <p>{t('health.prescriptions.noneWaiting')}</p>}
        {waiting.length > 0 && (
          <ul className="health-list">
            {waiting.map((item) => (
              <PrescriptionItem key={item.key} item={item} />
            ))}
          </ul>
        )}
      </Card>
      {others.length > 0 && (
        <Card title={t('health.prescriptions.earlier')}>
          <ul className="health-list">
            {others.slice(0, shownEarlier).map((item) => (
              <PrescriptionItem key={item.key} item={item} />
            ))}
          </ul>
          {others.length > shownEarlier && (
            <Button variant="secondary" onClick={() => setShownEarlier((count) => count + EARLIER_PAGE)}>
              {t('health.timeline.more', { count: others.length - shownEarlier })}
            </Button>
          )}
        </Card>
      )}
    </>
  );
}

function PrescriptionItem({ item }: { item: ShownPrescription }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const medicine =
    (item.medication && codeLabel(item.medication.system, item.medication.code, language)) ??
    item.medicationLabel?.[termLocale(language)] ??
    item.medicationText ??
    t('health.prescriptions.unnamedMedicine');
  const waiting = item.stage === 'active' || item.stage === 'partly-dispensed';
  return (
    <li className="health-item">
      <div className="health-item__head">
        <h3 className="health-item__title">{medicine}</h3>
        <Badge tone={STAGE_TONES[item.stage]}>{t(`health.prescriptions.stage.${item.stage}`)}</Badge>
      </div>
      <FieldList>
        {item.number && (
          <Field label={t('health.prescriptions.number')}>
            <span className="health-code">{groupedNumber(item.number)}</span>
          </Field>
        )}
        {item.authoredOn && (
          <Field label={t('health.prescriptions.issued')}>{format.date(item.authoredOn.slice(0, 10))}</Field>
        )}
        {item.prescriber && (
          <Field label={t('health.prescriptions.prescriber')}>
            {item.prescriberOrganisation
              ? `${item.prescriber}, ${item.prescriberOrganisation}`
              : item.prescriber}
          </Field>
        )}
        {item.dosage && <Field label={t('health.prescriptions.dosage')}>{item.dosage}</Field>}
        {item.quantity !== null && (
          <Field label={t('health.prescriptions.quantity')}>
            {waiting && item.remaining !== null && item.remaining !== item.quantity
              ? t('health.prescriptions.remainingOf', {
                  remaining: format.number(item.remaining),
                  quantity: format.number(item.quantity),
                })
              : format.number(item.quantity)}
          </Field>
        )}
      </FieldList>
      {item.dispenses.length > 0 && (
        <ul className="health-dispenses">
          {item.dispenses.map((dispense) => (
            <li key={`${dispense.whenHandedOver}-${dispense.quantity}`}>
              {t('health.prescriptions.dispensed', {
                date: format.dateTime(dispense.whenHandedOver),
                pharmacy: dispense.pharmacy ?? t('health.prescriptions.aPharmacy'),
              })}
              {dispense.quantity !== null && ` (${format.number(dispense.quantity)})`}
            </li>
          ))}
        </ul>
      )}
      {waiting && item.qr && item.number && (
        <figure className="health-qr-figure">
          <PrescriptionQr payload={item.qr} number={groupedNumber(item.number)} />
          <figcaption>{t('health.prescriptions.qrCaption')}</figcaption>
        </figure>
      )}
    </li>
  );
}
