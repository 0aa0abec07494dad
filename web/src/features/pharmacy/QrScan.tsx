import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button, buttonClassName } from '../../shared/ui/Button.tsx';
import { QrCamera } from '../../shared/ui/QrCamera.tsx';
import { readQrFromFile } from '../../shared/ui/read-qr.ts';
import { numberFromQr } from './find-form.ts';

/**
 * Reads the prescription's number from its QR: with the camera (getUserMedia + jsQR, frame by
 * frame) or from a picture. The QR carries the number only (and a tag naming nobody): the
 * patient's personal number is still typed, or read from their ID card.
 */
export function QrScan({ onNumber }: { onNumber: (number: string) => void }) {
  const { t } = useTranslation();
  const [camera, setCamera] = useState(false);
  const [problem, setProblem] = useState<'camera' | 'not-prescription' | null>(null);
  const fileId = useId();

  const read = (text: string | null) => {
    const number = text ? numberFromQr(text) : null;
    if (number) {
      setProblem(null);
      onNumber(number);
    } else setProblem('not-prescription');
  };

  return (
    <div className="stack pharmacy-scan">
      {camera ? (
        <QrCamera
          label={t('pharmacy.cameraLabel')}
          stopLabel={t('pharmacy.closeCamera')}
          onRead={(text) => {
            setCamera(false);
            read(text);
          }}
          onClose={() => setCamera(false)}
          onError={() => {
            setCamera(false);
            setProblem('camera');
          }}
        />
      ) : (
        <div className="button-group">
          <Button variant="secondary" onClick={() => setCamera(true)}>
            {t('pharmacy.scan')}
          </Button>
          <input
            id={fileId}
            className="visually-hidden"
            type="file"
            accept="image/*"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) read(await readQrFromFile(file).catch(() => null));
            }}
          />
          <label htmlFor={fileId} className={buttonClassName('secondary', 'pharmacy-scan__file')}>
            {t('pharmacy.scanPicture')}
          </label>
        </div>
      )}
      {problem && (
        <Alert tone="warning">
          <p>{t(problem === 'camera' ? 'pharmacy.cameraFailed' : 'pharmacy.qrNotPrescription')}</p>
        </Alert>
      )}
    </div>
  );
}
