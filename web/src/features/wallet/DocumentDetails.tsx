import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { ClaimValueView } from './ClaimValueView.tsx';
import { claimFields } from './claim-values.ts';
import { configurationOf, type ShownStatus, StatusBadge } from './DocumentCard.tsx';
import type { StoredCredential } from './vault.ts';

/** One document opened to its fields, labelled from the catalogue in the user's language. */
export function DocumentDetails({
  credential,
  status,
  onClose,
  onDelete,
}: {
  credential: StoredCredential;
  status: ShownStatus;
  onClose: () => void;
  onDelete: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const [confirming, setConfirming] = useState(false);
  const configuration = configurationOf(credential);
  const language = (i18n.resolvedLanguage ?? 'en') as 'en';
  const fields = claimFields(configuration, credential.claims);
  return (
    <Card title={configuration.display[language]} aside={<StatusBadge status={status} />}>
      <div className="stack">
        <FieldList>
          {fields.map((field) => (
            <Field key={field.path.join('.')} label={field.label[language]}>
              <ClaimValueView value={field.value} alt={field.label[language]} />
            </Field>
          ))}
          <Field label={t('wallet.details.issuer')}>{credential.issuerName}</Field>
          <Field label={t('wallet.details.added')}>{format.dateTime(credential.addedAt)}</Field>
          <Field label={t('wallet.details.copies')}>
            {t('wallet.details.copiesCount', { count: credential.copies.length })}
          </Field>
        </FieldList>
        <div className="wallet-actions">
          <Button variant="secondary" onClick={onClose}>
            {t('wallet.details.back')}
          </Button>
          {!confirming && (
            <Button variant="secondary" onClick={() => setConfirming(true)}>
              {t('wallet.details.delete')}
            </Button>
          )}
        </div>
        {confirming && (
          <div className="wallet-actions">
            <Button onClick={onDelete}>{t('wallet.details.deleteConfirm')}</Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t('wallet.remove.cancel')}
            </Button>
          </div>
        )}
      </div>
    </Card>
  );
}
