import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { ReportTable } from './ReportTable.tsx';
import type { Registration, SignedReport } from './report.ts';
import { registrationEventName } from './report-labels.ts';
import { registrationStatusTone } from './report-wording.ts';
import { SectionUnavailable } from './SectionUnavailable.tsx';

/** Registered, deregistered or scrapped; the plate, the first registration, the owners and the timeline. */
export function RegistrationCard({ registration, viewer }: Pick<SignedReport, 'registration' | 'viewer'>) {
  const { t } = useTranslation();
  if (!registration) {
    return (
      <Card title={t('vehicleReport.sections.registration')}>
        <SectionUnavailable />
      </Card>
    );
  }
  return (
    <Card
      title={t('vehicleReport.sections.registration')}
      aside={
        <Badge tone={registrationStatusTone(registration.status)}>
          {t(`vehicleReport.registration.statuses.${registration.status}`)}
        </Badge>
      }
    >
      <RegistrationFields registration={registration} viewer={viewer} />
      <RegistrationTimeline timeline={registration.timeline} />
    </Card>
  );
}

function RegistrationFields({
  registration,
  viewer,
}: {
  registration: Registration;
  viewer: SignedReport['viewer'];
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const owner = registration.currentOwner;
  return (
    <FieldList>
      <Field label={t('vehicleReport.registration.status')}>
        {t(`vehicleReport.registration.statuses.${registration.status}`)}
      </Field>
      <Field label={t('vehicleReport.registration.plate')}>
        {registration.plate ? (
          <span className="report-reference" lang="bg">
            {registration.plate}
          </span>
        ) : (
          t('vehicleReport.registration.noPlate')
        )}
      </Field>
      <Field label={t('vehicleReport.registration.firstRegistration')}>
        {format.date(registration.firstRegistrationDate)}
      </Field>
      <Field label={t('vehicleReport.registration.ownersCount')}>{registration.ownersCount}</Field>
      {/* Only in the owner's (and officials') report; a public report never names the owner. */}
      {owner && (
        <Field label={t('vehicleReport.registration.currentOwner')}>
          {viewer === 'owner' ? (
            t('vehicleReport.registration.you')
          ) : owner.name ? (
            <span lang="bg">{owner.name}</span>
          ) : (
            t(`vehicleReport.registration.ownerKinds.${owner.kind}`)
          )}
        </Field>
      )}
    </FieldList>
  );
}

function RegistrationTimeline({ timeline }: { timeline: Registration['timeline'] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (timeline.length === 0) return null;
  const chronological = timeline.toSorted((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return (
    <ReportTable
      caption={t('vehicleReport.registration.timeline')}
      columns={[
        { label: t('vehicleReport.registration.date'), nowrap: true },
        { label: t('vehicleReport.registration.event') },
        { label: t('vehicleReport.registration.plateShort'), lang: 'bg' },
        { label: t('vehicleReport.registration.owner') },
      ]}
      rows={chronological.map((entry, index) => ({
        // Two events can share a date and kind (e.g. a plate changed twice in a day): the timeline
        // is fixed once the report is issued, so its order is a key.
        key: String(index),
        cells: [
          format.shortDate(entry.date),
          registrationEventName(entry.event, t),
          entry.plate ?? '–',
          t(`vehicleReport.registration.ownerKinds.${entry.ownerKind}`),
        ],
      }))}
    />
  );
}
