import { credentialConfiguration } from '@civitas/wallet/catalogue.ts';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Card } from '../../shared/ui/Card.tsx';
import type { HistoryEntry } from './vault.ts';

/** Each issuance and presentation: who, which claims, when, online or offline. */
export function HistoryList({ entries }: { entries: HistoryEntry[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = (i18n.resolvedLanguage ?? 'en') as 'en';
  return (
    <Card title={t('wallet.history.title')}>
      {entries.length === 0 ? (
        <p>{t('wallet.history.empty')}</p>
      ) : (
        <ol className="wallet-history">
          {entries.map((entry) => {
            const configuration = credentialConfiguration(entry.configurationId);
            const labels = entry.claims.map(
              (path) =>
                configuration?.claims.find((claim) => claim.path.join('.') === path)?.display[language] ??
                path,
            );
            return (
              <li key={entry.id} className="wallet-history__entry">
                <p className="wallet-history__what">
                  {t(`wallet.history.${entry.kind}`, {
                    document: configuration?.display[language] ?? entry.configurationId,
                    who: entry.counterpart,
                  })}
                </p>
                <p className="wallet-history__meta">
                  {format.dateTime(entry.at)} · {t(`wallet.history.${entry.channel}`)}
                </p>
                <details>
                  <summary>{t('wallet.history.claims', { count: labels.length })}</summary>
                  <ul>
                    {labels.map((label) => (
                      <li key={label}>{label}</li>
                    ))}
                  </ul>
                </details>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
