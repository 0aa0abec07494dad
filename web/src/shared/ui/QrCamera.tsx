import { useEffect, useRef } from 'react';
import { Button } from './Button.tsx';
import { qrReader } from './read-qr.ts';
import './QrCamera.css';

interface QrCameraProps {
  /** What the camera is reading, for assistive technology ("Camera view for reading …"). */
  label: string;
  /** The text of the button that stops the camera. */
  stopLabel: string;
  /** The first QR code found; the camera stops with it. */
  onRead(text: string): void;
  onClose(): void;
  /** No camera, or the person refused it. */
  onError(error: unknown): void;
}

/**
 * The back camera, read frame by frame (getUserMedia + jsQR) until a QR code is found. The
 * pharmacy reads prescriptions with it, the verifier a wallet's offline answer.
 */
export function QrCamera({ label, stopLabel, onRead, onClose, onError }: QrCameraProps) {
  const video = useRef<HTMLVideoElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the camera opens once per reader.
  useEffect(() => {
    let stream: MediaStream | null = null;
    let closed = false;
    let frame = 0;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const scan = (readQr: (image: ImageData) => string | null) => {
      const element = video.current;
      if (element && context && element.readyState >= element.HAVE_ENOUGH_DATA) {
        canvas.width = element.videoWidth;
        canvas.height = element.videoHeight;
        context.drawImage(element, 0, 0);
        const text = readQr(context.getImageData(0, 0, canvas.width, canvas.height));
        if (text) return onRead(text);
      }
      frame = requestAnimationFrame(() => scan(readQr));
    };
    // Without a secure context (or on a device without a camera) there is no getUserMedia at all.
    if (!navigator.mediaDevices?.getUserMedia) {
      onError(new Error('no camera'));
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (opened) => {
        stream = opened;
        const readQr = await qrReader();
        // Closed while the camera or the decoder was on its way: the effect's cleanup has run.
        if (closed) return stopTracks(opened);
        if (video.current) {
          video.current.srcObject = opened;
          void video.current.play();
        }
        frame = requestAnimationFrame(() => scan(readQr));
      })
      .catch(onError);
    return () => {
      closed = true;
      cancelAnimationFrame(frame);
      if (stream) stopTracks(stream);
    };
  }, []);

  return (
    <div className="stack">
      <video ref={video} className="qr-camera" muted playsInline aria-label={label} />
      <Button variant="secondary" onClick={onClose}>
        {stopLabel}
      </Button>
    </div>
  );
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
