import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button, buttonClassName } from '../../shared/ui/Button.tsx';
import { readQr, readQrFromFile } from '../verifier/qr.ts';
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
        <Camera
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

function Camera({
  onRead,
  onClose,
  onError,
}: {
  onRead(text: string): void;
  onClose(): void;
  onError(error: unknown): void;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the camera opens once per reader.
  useEffect(() => {
    let stream: MediaStream | null = null;
    let frame = 0;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const scan = () => {
      const element = video.current;
      if (element && context && element.readyState >= element.HAVE_ENOUGH_DATA) {
        canvas.width = element.videoWidth;
        canvas.height = element.videoHeight;
        context.drawImage(element, 0, 0);
        const text = readQr(context.getImageData(0, 0, canvas.width, canvas.height));
        if (text) return onRead(text);
      }
      frame = requestAnimationFrame(scan);
    };
    if (!navigator.mediaDevices?.getUserMedia) {
      onError(new Error('no camera'));
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then((opened) => {
        stream = opened;
        if (video.current) {
          video.current.srcObject = opened;
          void video.current.play();
        }
        frame = requestAnimationFrame(scan);
      })
      .catch(onError);
    return () => {
      cancelAnimationFrame(frame);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  return (
    <div className="stack">
      <video
        ref={video}
        className="pharmacy-camera"
        muted
        playsInline
        aria-label={t('pharmacy.cameraLabel')}
      />
      <Button variant="secondary" onClick={onClose}>
        {t('pharmacy.closeCamera')}
      </Button>
    </div>
  );
}
