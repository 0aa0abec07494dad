import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskPersonalNumber } from '../i18n/person-format.ts';
import { Button } from './Button.tsx';
import './PersonalNumber.css';

/** The EGN, hidden until asked for: it is often read over a shoulder on a phone. */
export function PersonalNumber({ value }: { value: string }) {
  const { t } = useTranslation();
  const [revealed, setRevealed] = useState(false);
  return (
    <span className="personal-number">
      {revealed ? (
        <span className="personal-number__value">{value}</span>
      ) : (
        <span className="personal-number__value">
          <span aria-hidden="true">{maskPersonalNumber(value)}</span>
          <span className="visually-hidden">{t('profile.personalNumberHidden')}</span>
        </span>
      )}
      <Button variant="secondary" className="personal-number__toggle" onClick={() => setRevealed(!revealed)}>
        {revealed ? t('profile.hide') : t('profile.show')}
        <span className="visually-hidden"> {t('profile.personalNumberSuffix')}</span>
      </Button>
    </span>
  );
}
