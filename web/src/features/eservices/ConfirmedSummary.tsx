import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { PersonalNumber } from '../../shared/ui/PersonalNumber.tsx';
import { valueOrigin } from './confirm-values.ts';
import { displayValue } from './display-value.ts';
import type { FieldName } from './parking-permit-fields.ts';
import type { PrefillRow } from './prefill-rows.ts';

interface ConfirmedSummaryProps {
  rows: readonly PrefillRow[];
  values: Record<FieldName, string>;
  sourceName: (row: PrefillRow) => string;
  onChangeData: () => void;
}

/**
 * What the citizen confirmed, and where each value came from. Nothing is sent anywhere:
 * submitting applications is not built yet, and the page says so.
 */
export function ConfirmedSummary({ rows, values, sourceName, onChangeData }: ConfirmedSummaryProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const confirmation = useRef<HTMLDivElement>(null);
  useEffect(() => confirmation.current?.focus(), []);

  return (
    <>
      <Alert ref={confirmation} tone="success" title={t('confirmData.confirmedTitle')}>
        <p>{t('confirmData.confirmedBody')}</p>
      </Alert>
      <Card title={t('confirmData.confirmedData')}>
        <FieldList>
          {rows.map((row) => {
            const { field } = row;
            const value = values[field.name].trim();
            const origin = valueOrigin(row, value);
            return (
              <Field key={field.name} label={t(`confirmData.fields.${field.name}`)}>
                <span className="prefill-field__body">
                  {field.name === 'personalNumber' ? (
                    <PersonalNumber value={value} />
                  ) : (
                    <span lang={field.bulgarianText ? 'bg' : undefined}>
                      {displayValue(field.kind, value, {
                        date: format.date,
                        yes: t('confirmData.yes'),
                        no: t('confirmData.no'),
                      })}
                    </span>
                  )}
                  {origin === 'register' ? (
                    <span className="source-badge">
                      {t('confirmData.source', { register: sourceName(row) })}
                    </span>
                  ) : (
                    <Badge tone="warning">
                      {origin === 'corrected'
                        ? t('confirmData.originCorrected')
                        : t('confirmData.originEntered')}
                    </Badge>
                  )}
                </span>
              </Field>
            );
          })}
        </FieldList>
      </Card>
      <div className="button-group">
        <Button variant="secondary" onClick={onChangeData}>
          {t('confirmData.changeData')}
        </Button>
        <Link href="/services">{t('confirmData.backToServices')}</Link>
      </div>
    </>
  );
}
