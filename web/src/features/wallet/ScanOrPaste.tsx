import { type FormEvent, useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { QrCamera } from '../../shared/ui/QrCamera.tsx';
import { readQrFromFile } from '../../shared/ui/read-qr.ts';

const MAX_LINK = 8192;

/**
 * A QR code by camera or from a picture, or a link pasted: handed on as text. Which links the
 * wallet understands is decided by `onLink` (an error key back for one it does not).
 */
export function ScanOrPaste({ onLink }: { onLink: (link: string) => string | null }) {
  const { t } = useTranslation();
  const id = useId();
  const [link, setLink] = useState('');
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const handle = useCallback(
    (text: string) => {
      setScanning(false);
      setError(text.length > MAX_LINK ? 'wallet.scan.tooLarge' : onLink(text.trim()));
    },
    [onLink],
  );

  async function fromFile(file: File | undefined) {
    if (!file) return;
    const text = await readQrFromFile(file).catch(() => null);
    if (text === null) setError('wallet.scan.noCode');
    else handle(text);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    handle(link);
  }

  return (
    <div className="stack">
      {error && <Alert tone="error">{t(error as 'wallet.scan.noCode')}</Alert>}
      {scanning ? (
        <QrCamera
          label={t('wallet.scan.camera')}
          stopLabel={t('wallet.scan.stop')}
          onRead={handle}
          onClose={() => setScanning(false)}
          onError={() => {
            setScanning(false);
            setError('wallet.scan.noCamera');
          }}
        />
      ) : (
        <div className="wallet-actions">
          <Button
            onClick={() => {
              setError(null);
              setScanning(true);
            }}
          >
            {t('wallet.scan.start')}
          </Button>
          <label className="button button--secondary wallet-file">
            {t('wallet.scan.fromImage')}
            <input
              type="file"
              accept="image/*"
              className="visually-hidden"
              onChange={(event) => void fromFile(event.target.files?.[0])}
            />
          </label>
        </div>
      )}
      <form className="stack" onSubmit={submit} noValidate>
        <div className="form-group">
          <label className="form-label" htmlFor={`${id}-link`}>
            {t('wallet.scan.linkLabel')}
          </label>
          <input
            id={`${id}-link`}
            className="form-input"
            type="url"
            maxLength={MAX_LINK}
            autoComplete="off"
            spellCheck={false}
            value={link}
            onChange={(event) => setLink(event.target.value)}
          />
        </div>
        <div>
          <Button type="submit" variant="secondary">
            {t('wallet.scan.openLink')}
          </Button>
        </div>
      </form>
    </div>
  );
}
