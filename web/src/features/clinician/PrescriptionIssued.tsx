import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../shared/ui/Card.tsx';
import { qrDataUrl } from '../../shared/ui/qr-image.ts';
import { prescriptionQrText } from './chart-format.ts';
import { codeLabel, SYSTEM } from './terms.ts';

/** The prescription just issued: its number and the QR the pharmacy scans (no personal data in it). */
export function PrescriptionIssued({
  prescription,
  patientId,
}: {
  prescription: { number: string; medicine: string };
  patientId: string;
}) {
  const { t, i18n } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    prescriptionQrText(prescription.number, patientId)
      .then(qrDataUrl)
      .then(
        (url) => current && setQr(url),
        () => current && setQr(null),
      );
    return () => {
      current = false;
    };
  }, [prescription.number, patientId]);
  const medicine = codeLabel(SYSTEM.atc, prescription.medicine, i18n.language) ?? '';

  return (
    <Card title={t('clinician.prescription.title')}>
      <p>{t('clinician.prescription.medicine', { medicine })}</p>
      <p className="clinic-rx-number">
        <span className="clinic-rx-number__label">{t('clinician.prescription.number')}</span>
        <span className="clinic-rx-number__value" data-testid="prescription-number">
          {prescription.number}
        </span>
      </p>
      {qr && (
        <img
          className="clinic-rx-qr"
          src={qr}
          width={200}
          height={200}
          alt={t('clinician.prescription.qrAlt', { number: prescription.number })}
        />
      )}
      <p className="secondary-text">{t('clinician.prescription.note')}</p>
    </Card>
  );
}
