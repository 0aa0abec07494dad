import type { Profile } from '@civitas/contracts/api/profile.ts';
import { useTranslation } from 'react-i18next';
import { useSavedApiResource } from '../../shared/api/use-api-resource.ts';
import { localIsoDate } from '../../shared/i18n/format-date.ts';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { SavedDataNote } from '../../shared/ui/SavedDataNote.tsx';
import { DataUsageCard } from '../data-usage/DataUsageCard.tsx';
import { EServicesCard } from '../eservices/EServicesCard.tsx';
import { PasskeysCard } from '../passkeys/PasskeysCard.tsx';
import { SigningCertificateCard } from '../signing/SigningCertificateCard.tsx';
import { AddressesCard } from './AddressesCard.tsx';
import { CompaniesCard } from './CompaniesCard.tsx';
import { DocumentsCard } from './DocumentsCard.tsx';
import { DrivingLicenceCard } from './DrivingLicenceCard.tsx';
import { fetchMe } from './fetch-me.ts';
import { PersonalDetailsCard } from './PersonalDetailsCard.tsx';
import { RolesCard } from './RolesCard.tsx';
import { VehiclesCard } from './VehiclesCard.tsx';

export function ProfileScreen() {
  const { t } = useTranslation();
  const { state, savedAt, retry } = useSavedApiResource(fetchMe);

  return (
    <div className="stack">
      <PageHeading title={t('profile.title')}>{t('profile.title')}</PageHeading>
      <SavedDataNote savedAt={savedAt} onRetry={retry} />
      {state.kind === 'loading' && <LoadingIndicator label={t('profile.loading')} />}
      {state.kind === 'failed' && (
        <LoadFailed
          title={t('profile.loadFailed')}
          error={state.error}
          retryLabel={t('profile.retry')}
          onRetry={retry}
        />
      )}
      {state.kind === 'loaded' && <ProfileDetails person={state.value} />}
      <EServicesCard />
      <DataUsageCard />
      <PasskeysCard />
      <SigningCertificateCard />
    </div>
  );
}

function ProfileDetails({ person }: { person: Profile }) {
  const today = localIsoDate(new Date());
  return (
    <>
      <PersonalDetailsCard person={person} />
      <AddressesCard addresses={person.addresses} />
      <DocumentsCard documents={person.documents} today={today} />
      <DrivingLicenceCard licence={person.drivingLicence} today={today} />
      <VehiclesCard vehicles={person.vehicles} />
      {person.companies && <CompaniesCard companies={person.companies} />}
      <RolesCard roles={person.roles} />
    </>
  );
}
