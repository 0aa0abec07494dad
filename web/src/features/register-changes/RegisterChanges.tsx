import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionRoles } from '../../shared/auth/use-session-roles.ts';
import { DeathCard, LicenceCard, OwnerCard } from './RegisterChangeCards.tsx';

/**
 * The register changes the signed-in staff member may make, under the workspace's lookup: the
 * police suspend or restore a driving licence; officials record a death or a vehicle's new owner.
 */
export function RegisterChanges() {
  const { t } = useTranslation();
  const roles = useSessionRoles();
  const headingId = useId();
  const police = roles.includes('police');
  const official = roles.includes('official');
  if (!police && !official) return null;
  return (
    <section className="stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('registerChanges.title')}</h2>
      <p>{t('registerChanges.intro')}</p>
      {police && <LicenceCard />}
      {official && (
        <>
          <DeathCard />
          <OwnerCard />
        </>
      )}
    </section>
  );
}
