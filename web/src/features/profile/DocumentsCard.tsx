import type { IdentityDocument } from '@civitas/contracts/api/profile.ts';
import { useTranslation } from 'react-i18next';
import { properName } from '../../shared/i18n/person-format.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { useLatinScript } from '../../shared/i18n/use-latin-script.ts';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { effectiveValidity, validityTone } from './validity.ts';

export function DocumentsCard({ documents, today }: { documents: IdentityDocument[]; today: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const latin = useLatinScript();
  return (
    <Card title={t('documents.title')}>
      {documents.length === 0 ? (
        <p className="secondary-text">{t('documents.none')}</p>
      ) : (
        <div className="stack">
          {documents.map((document) => {
            const validity = effectiveValidity(document.status, document.validUntil, today);
            return (
              <Card
                key={`${document.kind}-${document.number}`}
                headingLevel={3}
                title={t(`documents.${document.kind}`)}
                aside={<Badge tone={validityTone(validity)}>{t(`validity.${validity}`)}</Badge>}
              >
                <FieldList>
                  <Field label={t('documents.number')}>{document.number}</Field>
                  <Field label={t('documents.issuedOn')}>{format.date(document.issuedOn)}</Field>
                  <Field label={t('documents.validUntil')}>{format.date(document.validUntil)}</Field>
                  <Field label={t('documents.issuer')}>
                    <span lang={latin ? undefined : 'bg'}>{properName(document.issuer, latin)}</span>
                  </Field>
                </FieldList>
              </Card>
            );
          })}
        </div>
      )}
    </Card>
  );
}
