import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { supportedLanguages } from './languages.ts';
import { chooseLanguage } from './setup.ts';
import './LanguageSelect.css';

export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="language-select">
      <label htmlFor={id}>{t('shell.language')}</label>
      <select
        id={id}
        value={i18n.resolvedLanguage}
        onChange={(event) => void chooseLanguage(event.target.value)}
      >
        {supportedLanguages.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.nativeName}
          </option>
        ))}
      </select>
    </div>
  );
}
