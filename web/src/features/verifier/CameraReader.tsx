import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../shared/ui/Button.tsx';
import { readQr } from './qr.ts';

/** Reads a QR code with the camera (getUserMedia + jsQR), frame by frame, until one is found. */
export function CameraReader({
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
        className="verifier-camera"
        muted
        playsInline
        aria-label={t('verifier.cameraLabel')}
      />
      <Button variant="secondary" onClick={onClose}>
        {t('verifier.closeCamera')}
      </Button>
    </div>
  );
}
