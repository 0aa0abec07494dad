import type { PrefillSource } from '@civitas/contracts/api/parking-permit.ts';
import { useTranslation } from 'react-i18next';
import { formattingLocaleOf } from '../../shared/i18n/languages.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { localisedText } from './localised-text.ts';

/** Names every register that did not answer: its fields are left for the citizen to fill in. */
export function UnansweredSourcesAlert({
  sources,
  language,
}: {
  sources: PrefillSource[];
  language: string;
}) {
  const { t } = useTranslation();
  if (sources.length === 0) return null;
  const names = sources.map((source) => localisedText(source.name, language, source.key));
  const message =
    names.length === 1
      ? t('confirmData.unansweredOne', { register: names[0] })
      : t('confirmData.unansweredMany', {
          registers: new Intl.ListFormat(formattingLocaleOf(language), { type: 'conjunction' }).format(
            names.map((name) => t('confirmData.quoted', { text: name })),
          ),
        });
  return <Alert tone="warning" title={message} />;
}
