import type { Address } from '@civitas/contracts/api/profile.ts';
import { useTranslation } from 'react-i18next';
import { addressLines, properName } from '../../shared/i18n/person-format.ts';
import { useLatinScript } from '../../shared/i18n/use-latin-script.ts';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';

export function AddressesCard({ addresses }: { addresses: Address[] }) {
  const { t } = useTranslation();
  const latin = useLatinScript();
  return (
    <Card title={t('addresses.title')}>
      {addresses.length === 0 ? (
        <p className="secondary-text">{t('addresses.none')}</p>
      ) : (
        <FieldList>
          {addresses.map((address) => {
            const [streetLine, settlementLine] = addressLines(address, {
              latin,
              apartmentLabel: (apartment) => t('addresses.apartment', { apartment }),
            });
            return (
              <Field key={address.kind} label={t(`addresses.${address.kind}`)}>
                <span className="address">
                  <span lang="bg">{streetLine}</span>
                  <br />
                  <span lang={latin ? undefined : 'bg'}>{settlementLine}</span>
                  <br />
                  <span className="secondary-text">
                    {t('addresses.municipality')}{' '}
                    <span lang={latin ? undefined : 'bg'}>{properName(address.municipality, latin)}</span>,{' '}
                    {t('addresses.region')}{' '}
                    <span lang={latin ? undefined : 'bg'}>{properName(address.region, latin)}</span>
                  </span>
                </span>
              </Field>
            );
          })}
        </FieldList>
      )}
    </Card>
  );
}
