import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { isValidPin } from './vault-crypto.ts';

interface PinFormProps {
  /** Setting up asks for the PIN twice. */
  confirm: boolean;
  submitLabel: string;
  /** Resolves to an error key to show, or null when done. */
  onPin: (pin: string) => Promise<string | null>;
}

/** The app PIN: 6 to 12 digits, hidden as typed, checked before anything slow happens. */
export function PinForm({ confirm, submitLabel, onPin }: PinFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!isValidPin(pin)) return setError('wallet.pin.invalid');
    if (confirm && pin !== again) return setError('wallet.pin.mismatch');
    setBusy(true);
    setError(await onPin(pin).finally(() => setBusy(false)));
  }

  // 'wallet.pin.wait|30': a key with the seconds to wait.
  const errorText = (key: string) => {
    const [name, seconds] = key.split('|');
    return t(name as 'wallet.pin.wait', { count: Number(seconds ?? 0) });
  };

  const input = (inputId: string, label: string, value: string, onChange: (value: string) => void) => (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="form-label" htmlFor={inputId}>
        {label}
      </label>
      <span id={`${id}-hint`} className="form-hint">
        {t('wallet.pin.hint')}
      </span>
      <input
        id={inputId}
        className="form-input form-input--short"
        type="password"
        inputMode="numeric"
        autoComplete={confirm ? 'new-password' : 'current-password'}
        maxLength={12}
        required
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
      {error && <Alert tone="error">{errorText(error)}</Alert>}
      {input(`${id}-pin`, t('wallet.pin.label'), pin, setPin)}
      {confirm && input(`${id}-again`, t('wallet.pin.again'), again, setAgain)}
      <div>
        <Button type="submit" disabled={busy}>
          {busy ? t('wallet.pin.working') : submitLabel}
        </Button>
      </div>
    </form>
  );
}
