import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The QR the pharmacy scans: the prescription number and a hash of the patient's identifier, never the personal number. */
export function PrescriptionQr({ payload, number }: { payload: string; number: string }) {
  const { t } = useTranslation();
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 2, width: 320 }).then(
      (url) => current && setImage(url),
      () => current && setImage(null),
    );
    return () => {
      current = false;
    };
  }, [payload]);
  if (!image) return null;
  return (
    <img
      className="health-qr"
      src={image}
      width={200}
      height={200}
      alt={t('health.prescriptions.qrAlt', { number })}
    />
  );
}
