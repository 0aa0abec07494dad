import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { qrReader } from '../../shared/ui/read-qr.ts';

/** The back camera, read a few times a second until a QR code is found (getUserMedia + jsQR). */
export function CameraScanner({ onCode, onClose }: { onCode: (text: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    let done = false;
    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (media) => {
        stream = media;
        const readQrFromPixels = await qrReader();
        // Closed while the camera or the decoder was on its way: the cleanup below has already run.
        if (done || !video.current) {
          for (const track of media.getTracks()) track.stop();
          return;
        }
        video.current.srcObject = media;
        await video.current.play();
        const canvas = document.createElement('canvas');
        timer = setInterval(() => {
          const element = video.current;
          if (!element || element.videoWidth === 0) return;
          canvas.width = element.videoWidth;
          canvas.height = element.videoHeight;
          const context = canvas.getContext('2d', { willReadFrequently: true });
          context?.drawImage(element, 0, 0);
          const code = context && readQrFromPixels(context.getImageData(0, 0, canvas.width, canvas.height));
          if (code) {
            clearInterval(timer);
            onCode(code);
          }
        }, 250);
      })
      .catch(() => setFailed(true));
    if (!navigator.mediaDevices) setFailed(true);
    return () => {
      done = true;
      clearInterval(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [onCode]);

  return (
    <div className="stack">
      {failed ? (
        <Alert tone="warning">{t('wallet.scan.noCamera')}</Alert>
      ) : (
        <video ref={video} className="wallet-camera" muted playsInline aria-label={t('wallet.scan.camera')} />
      )}
      <div>
        <Button variant="secondary" onClick={onClose}>
          {t('wallet.scan.stop')}
        </Button>
      </div>
    </div>
  );
}
