import type { AllergyIntolerance, Condition, Immunization } from '@medplum/fhirtypes';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import type { HealthRecord } from './fhir-record.ts';
import { HideControl } from './HideControl.tsx';
import { recordPractitioners } from './record-people.ts';
import { conceptLabel } from './terms.ts';

const CLINICAL_STATUSES = ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'] as const;
type ClinicalStatus = (typeof CLINICAL_STATUSES)[number];

function clinicalStatus(resource: Condition | AllergyIntolerance): ClinicalStatus | null {
  const code = resource.clinicalStatus?.coding?.find((coding) => coding.code)?.code;
  return (CLINICAL_STATUSES as readonly string[]).includes(code ?? '') ? (code as ClinicalStatus) : null;
}

const isCurrent = (status: ClinicalStatus | null) =>
  status === null || status === 'active' || status === 'recurrence' || status === 'relapse';

/** Conditions (with "hide"), allergies and vaccinations, in words from the terminology. */
export function RecordListsSection({ record }: { record: HealthRecord }) {
  const { t } = useTranslation();
  const practitioners = recordPractitioners(record);
  const conditions = record.conditions
    .filter((condition) => condition.verificationStatus?.coding?.[0]?.code !== 'entered-in-error')
    .toSorted(
      (a, b) =>
        Number(isCurrent(clinicalStatus(b))) - Number(isCurrent(clinicalStatus(a))) ||
        (b.onsetDateTime ?? b.recordedDate ?? '').localeCompare(a.onsetDateTime ?? a.recordedDate ?? ''),
    );
  return (
    <>
      <Card title={t('health.conditions.title')}>
        {conditions.length === 0 ? (
          <p>{t('health.conditions.empty')}</p>
        ) : (
          <ul className="health-list">
            {conditions.map((condition) => (
              <ConditionItem key={condition.id} condition={condition} practitioners={practitioners} />
            ))}
          </ul>
        )}
      </Card>
      <Card title={t('health.allergies.title')}>
        {record.allergies.length === 0 ? (
          <p>{t('health.allergies.empty')}</p>
        ) : (
          <ul className="health-list">
            {record.allergies.map((allergy) => (
              <AllergyItem key={allergy.id} allergy={allergy} />
            ))}
          </ul>
        )}
      </Card>
      <Card title={t('health.immunizations.title')}>
        {record.immunizations.length === 0 ? (
          <p>{t('health.immunizations.empty')}</p>
        ) : (
          <ul className="health-list">
            {record.immunizations
              .filter((immunization) => immunization.status !== 'entered-in-error')
              .toSorted((a, b) => (b.occurrenceDateTime ?? '').localeCompare(a.occurrenceDateTime ?? ''))
              .map((immunization) => (
                <ImmunizationItem key={immunization.id} immunization={immunization} />
              ))}
          </ul>
        )}
      </Card>
    </>
  );
}

function ConditionItem({
  condition,
  practitioners,
}: {
  condition: Condition;
  practitioners: ReturnType<typeof recordPractitioners>;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const name = conceptLabel(condition.code, language) ?? t('health.conditions.unnamed');
  const status = clinicalStatus(condition);
  const since = condition.onsetDateTime ?? condition.recordedDate;
  return (
    <li className="health-item">
      <div className="health-item__head">
        <h3 className="health-item__title">{name}</h3>
        {status && (
          <Badge tone={isCurrent(status) ? 'warning' : 'neutral'}>
            {t(`health.clinicalStatus.${status}`)}
          </Badge>
        )}
      </div>
      {since && (
        <p className="secondary-text">
          {t('health.conditions.since', { date: format.date(since.slice(0, 10)) })}
        </p>
      )}
      {condition.id && (
        <HideControl
          target={{ kind: 'resource', reference: `Condition/${condition.id}` }}
          what={name}
          practitioners={practitioners}
        />
      )}
    </li>
  );
}

const CRITICALITIES = ['low', 'high', 'unable-to-assess'] as const;

function AllergyItem({ allergy }: { allergy: AllergyIntolerance }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const name = conceptLabel(allergy.code, language) ?? t('health.allergies.unnamed');
  const reactions = (allergy.reaction ?? [])
    .flatMap((reaction) => reaction.manifestation ?? [])
    .map((manifestation) => conceptLabel(manifestation, language))
    .filter((label): label is string => label !== null);
  const criticality = CRITICALITIES.find((value) => value === allergy.criticality);
  return (
    <li className="health-item">
      <div className="health-item__head">
        <h3 className="health-item__title">{name}</h3>
        {criticality && (
          <Badge tone={criticality === 'high' ? 'danger' : 'neutral'}>
            {t(`health.allergies.criticality.${criticality}`)}
          </Badge>
        )}
      </div>
      {reactions.length > 0 && <p>{t('health.allergies.reactions', { reactions: reactions.join(', ') })}</p>}
    </li>
  );
}

function ImmunizationItem({ immunization }: { immunization: Immunization }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const name = conceptLabel(immunization.vaccineCode, language) ?? t('health.immunizations.unnamed');
  const dose = immunization.protocolApplied?.[0]?.doseNumberPositiveInt;
  return (
    <li className="health-item">
      <h3 className="health-item__title">{name}</h3>
      <p className="secondary-text">
        {immunization.occurrenceDateTime && format.date(immunization.occurrenceDateTime.slice(0, 10))}
        {dose !== undefined && ` · ${t('health.immunizations.dose', { dose })}`}
        {immunization.status === 'not-done' && ` · ${t('health.immunizations.notDone')}`}
      </p>
    </li>
  );
}
