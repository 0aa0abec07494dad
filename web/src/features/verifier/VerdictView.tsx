import type { VerificationResult } from '@civitas/contracts/api/wallet-verifier.ts';
import { CREDENTIAL_CONFIGURATIONS, type Localised } from '@civitas/wallet/catalogue.ts';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';

/** The claim's name in the reader's language, from the credential catalogue. */
function claimLabel(key: string, language: string): string {
  for (const configuration of CREDENTIAL_CONFIGURATIONS) {
    const claim = configuration.claims.find((candidate) => candidate.path.join('.') === key);
    if (claim) return claim.display[(language in claim.display ? language : 'en') as keyof Localised];
  }
  return key;
}

type Formatters = ReturnType<typeof useFormatters>;

interface Words {
  yes: string;
  no: string;
  until: string;
}

function valueText(value: unknown, t: Words, format: Formatters): string {
  if (value === true) return t.yes;
  if (value === false) return t.no;
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? format.date(value) : value;
  if (typeof value === 'number') return format.number(value);
  if (Array.isArray(value)) return value.map((item) => valueText(item, t, format)).join(', ');
  if (value && typeof value === 'object') {
    const privilege = value as { vehicle_category_code?: string; expiry_date?: string };
    if (privilege.vehicle_category_code) {
      const until = privilege.expiry_date
        ? ` (${t.until} ${valueText(privilege.expiry_date, t, format)})`
        : '';
      return `${privilege.vehicle_category_code}${until}`;
    }
    return Object.values(value)
      .map((item) => valueText(item, t, format))
      .join(' ');
  }
  return '';
}

/** The verdict, large: passed (green) or not (red, with the reason), the photo and the disclosed claims. */
export function VerdictView({
  result,
  failureCode,
}: {
  result: VerificationResult | null;
  failureCode: string | null;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const words = { yes: t('verifier.yes'), no: t('verifier.no'), until: t('verifier.until') };
  const passed = result?.passed === true;
  const reason = failureCode
    ? failureCode.startsWith('offline-')
      ? t(`verifier.offlineCodes.${failureCode}` as 'verifier.failedUnknown', {
          defaultValue: t('verifier.failedUnknown'),
        })
      : t(`problems.${failureCode}` as 'problems.internal', { defaultValue: t('verifier.failedUnknown') })
    : result?.verdictCode
      ? t(`verifier.verdicts.${result.verdictCode}` as 'verifier.verdicts.verdict-not-over-18')
      : null;
  return (
    <section
      className={`verdict verdict--${passed ? 'passed' : 'failed'}`}
      aria-live="polite"
      data-testid="verdict"
    >
      <h2 className="verdict__title">
        <span aria-hidden="true">{passed ? '✓' : '✗'}</span>{' '}
        {passed ? t('verifier.passed') : t('verifier.notPassed')}
      </h2>
      {reason && <p className="verdict__reason">{reason}</p>}
      {result && (
        <div className="verdict__body">
          {result.photo && <img className="verdict__photo" src={result.photo} alt={t('verifier.photoAlt')} />}
          <dl className="verdict__claims">
            {result.claims.map((claim) => (
              <div key={claim.key}>
                <dt>{claimLabel(claim.key, language)}</dt>
                <dd>{valueText(claim.value, words, format)}</dd>
              </div>
            ))}
            <div>
              <dt>{t('verifier.issuer')}</dt>
              <dd>{result.issuer.name}</dd>
            </div>
          </dl>
        </div>
      )}
    </section>
  );
}
