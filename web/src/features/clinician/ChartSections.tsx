import type {
  AllergyIntolerance,
  Condition,
  DocumentReference,
  Encounter,
  Immunization,
  MedicationRequest,
  Observation,
} from '@medplum/fhirtypes';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/describe-error.ts';
import { formattingLocaleOf } from '../../shared/i18n/languages.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Badge, type BadgeTone } from '../../shared/ui/Badge.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { saveFile } from '../vehicle-dossier/save-file.ts';
import {
  currentFirst,
  flagOf,
  latestPerTest,
  measuredNumber,
  observedAt,
  prescriptionNumber,
  quantityText,
  rangeText,
} from './chart-format.ts';
import { type Chart, documentPdf, type Section } from './clinician-client.ts';
import { codeLabel, conceptLabel, SYSTEM } from './terms.ts';

/** A date or date-time from the record, in the reader's words (a bare year stays a year). */
function useWhen() {
  const format = useFormatters();
  return (value: string | undefined | null): string | null => {
    if (!value) return null;
    if (/^\d{4}$/.test(value)) return value;
    if (/^\d{4}-\d{2}$/.test(value)) return value;
    return format.shortDate(value.slice(0, 10));
  };
}

/** Allergies first and prominent: what must not be prescribed. */
export function AllergiesAlert({ section }: { section: Section<AllergyIntolerance> }) {
  const { t, i18n } = useTranslation();
  if (!section.ok)
    return (
      <Alert tone="warning" title={t('clinician.chart.allergiesUnknown')}>
        <p>{describeError(section.error, t).title}</p>
      </Alert>
    );
  const active = section.items.filter((allergy) => allergy.clinicalStatus?.coding?.[0]?.code !== 'resolved');
  if (active.length === 0)
    return (
      <Alert tone="info" title={t('clinician.chart.allergiesTitle')}>
        <p>{t('clinician.chart.noAllergies')}</p>
      </Alert>
    );
  return (
    <Alert tone="error" title={t('clinician.chart.allergiesTitle')}>
      <ul className="clinic-allergies">
        {active.map((allergy, index) => (
          <li key={allergy.id ?? index}>
            <strong>{conceptLabel(allergy.code, i18n.language) ?? t('clinician.unnamedCode')}</strong>
            {allergy.criticality && allergy.criticality !== 'unable-to-assess' && (
              <> — {t(`clinician.criticality.${allergy.criticality}`)}</>
            )}
            {allergy.reaction?.[0]?.manifestation?.[0] && (
              <> ({conceptLabel(allergy.reaction[0].manifestation[0], i18n.language) ?? ''})</>
            )}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** Each part of the chart in its own card; a part that failed to load says so and the rest show. */
export function ChartSections({ chart }: { chart: Chart }) {
  const { t } = useTranslation();
  const parts = organised(chart);
  return (
    <>
      <SectionCard
        title={t('clinician.chart.conditions')}
        section={parts.conditions}
        empty={t('clinician.chart.noConditions')}
      >
        {(items) => <Conditions items={items} />}
      </SectionCard>
      <SectionCard
        title={t('clinician.chart.medications')}
        section={parts.medications}
        empty={t('clinician.chart.noMedications')}
      >
        {(items) => <Medications items={items} />}
      </SectionCard>
      <SectionCard title={t('clinician.chart.labs')} section={parts.labs} empty={t('clinician.chart.noLabs')}>
        {(items) => <Results items={items} />}
      </SectionCard>
      <SectionCard
        title={t('clinician.chart.vitals')}
        section={parts.vitals}
        empty={t('clinician.chart.noVitals')}
      >
        {(items) => <Results items={items} />}
      </SectionCard>
      <SectionCard
        title={t('clinician.chart.immunizations')}
        section={chart.immunizations}
        empty={t('clinician.chart.noImmunizations')}
      >
        {(items) => <Immunizations items={items} />}
      </SectionCard>
      <SectionCard
        title={t('clinician.chart.encounters')}
        section={chart.encounters}
        empty={t('clinician.chart.noEncounters')}
      >
        {(items) => <Encounters items={items} />}
      </SectionCard>
      <SectionCard
        title={t('clinician.chart.documents')}
        section={chart.documents}
        empty={t('clinician.chart.noDocuments')}
      >
        {(items) => <Documents items={items} />}
      </SectionCard>
    </>
  );
}

/** How many entries a part shows before "Show all": a chart on a phone stays readable. */
const SHOWN = 8;

function SectionCard<T>({
  title,
  section,
  empty,
  children,
}: {
  title: string;
  section: Section<T>;
  empty: string;
  children: (items: T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  if (!section.ok)
    return (
      <Card title={title}>
        <p className="form-error">
          {t('clinician.chart.sectionFailed', { reason: describeError(section.error, t).title })}
        </p>
      </Card>
    );
  const { items } = section;
  return (
    <Card title={title}>
      {items.length === 0 ? (
        <p className="secondary-text">{empty}</p>
      ) : (
        children(all ? items : items.slice(0, SHOWN))
      )}
      {items.length > SHOWN && (
        <div className="button-group">
          <Button variant="secondary" aria-expanded={all} onClick={() => setAll((value) => !value)}>
            {all ? t('clinician.chart.showFewer') : t('clinician.chart.showAll', { count: items.length })}
          </Button>
        </div>
      )}
    </Card>
  );
}

const CURRENT_CONDITION = new Set(['active', 'recurrence', 'relapse']);

/** Each part as the doctor reads it: current things first, the latest result of each test. */
function organised(chart: Chart) {
  const map = <T, U>(section: Section<T>, f: (items: T[]) => U[]): Section<U> =>
    section.ok ? { ok: true, items: f(section.items) } : section;
  return {
    conditions: map(chart.conditions, (items) =>
      currentFirst(items, (item) => CURRENT_CONDITION.has(item.clinicalStatus?.coding?.[0]?.code ?? '')),
    ),
    medications: map(chart.medications, (items) => currentFirst(items, (item) => item.status === 'active')),
    labs: map(chart.labs, latestPerTest),
    vitals: map(chart.vitals, latestPerTest),
  };
}

/** One entry of a list: what, then its facts on a line, and a badge. */
function Entry({ title, facts, badge }: { title: string; facts: Array<string | null>; badge?: ReactNode }) {
  const shown = facts.filter((fact): fact is string => Boolean(fact));
  return (
    <li className="clinic-entry">
      <div className="clinic-entry__main">
        <span className="clinic-entry__title">{title}</span>
        {shown.length > 0 && <span className="clinic-entry__facts">{shown.join(' · ')}</span>}
      </div>
      {badge}
    </li>
  );
}

function Conditions({ items }: { items: Condition[] }) {
  const { t, i18n } = useTranslation();
  const when = useWhen();
  return (
    <ul className="clinic-entries">
      {items.map((condition, index) => {
        const status = condition.clinicalStatus?.coding?.[0]?.code;
        const statusLabel = codeLabel(SYSTEM.conditionClinical, status, i18n.language);
        return (
          <Entry
            key={condition.id ?? index}
            title={conceptLabel(condition.code, i18n.language) ?? t('clinician.unnamedCode')}
            facts={[
              condition.onsetDateTime || condition.recordedDate
                ? t('clinician.chart.since', {
                    date: when(condition.onsetDateTime ?? condition.recordedDate),
                  })
                : null,
            ]}
            badge={
              statusLabel ? (
                <Badge
                  tone={
                    status === 'active' || status === 'recurrence' || status === 'relapse'
                      ? 'warning'
                      : 'neutral'
                  }
                >
                  {statusLabel}
                </Badge>
              ) : undefined
            }
          />
        );
      })}
    </ul>
  );
}

const REQUEST_TONE: Record<string, BadgeTone> = {
  active: 'success',
  completed: 'neutral',
  cancelled: 'danger',
  stopped: 'danger',
  'on-hold': 'warning',
  draft: 'neutral',
  'entered-in-error': 'danger',
  unknown: 'neutral',
};

function Medications({ items }: { items: MedicationRequest[] }) {
  const { t, i18n } = useTranslation();
  const when = useWhen();
  const format = useFormatters();
  return (
    <ul className="clinic-entries">
      {items.map((request, index) => {
        const dosage = request.dosageInstruction?.[0];
        // "5 mg" when the dose names its unit (a strength), else the number of units per intake.
        const dose = quantityText(
          dosage?.doseAndRate?.[0]?.doseQuantity,
          measuredNumber(formattingLocaleOf(i18n.resolvedLanguage ?? i18n.language)),
        );
        const frequency = dosage?.timing?.repeat?.frequency;
        const number = prescriptionNumber(request);
        return (
          <Entry
            key={request.id ?? index}
            title={
              conceptLabel(request.medicationCodeableConcept, i18n.language) ?? t('clinician.unnamedCode')
            }
            facts={[
              dose !== null && frequency !== undefined
                ? t('clinician.chart.dosage', {
                    dose,
                    times: t('clinician.chart.timesADay', { count: frequency }),
                  })
                : null,
              request.dispenseRequest?.quantity?.value !== undefined
                ? t('clinician.chart.quantity', {
                    quantity: format.number(request.dispenseRequest.quantity.value),
                  })
                : null,
              request.authoredOn
                ? t('clinician.chart.prescribedOn', { date: when(request.authoredOn) })
                : null,
              number ? t('clinician.chart.prescriptionNumber', { number }) : null,
            ]}
            badge={
              <Badge tone={REQUEST_TONE[request.status] ?? 'neutral'}>
                {t(`clinician.requestStatus.${request.status}`)}
              </Badge>
            }
          />
        );
      })}
    </ul>
  );
}

const FLAG_TONE = { high: 'danger', low: 'warning', normal: 'success' } as const;

/** Lab results and vital signs: the value against the reference range, flagged. */
function Results({ items }: { items: Array<{ observation: Observation; earlier: number }> }) {
  const { t, i18n } = useTranslation();
  const when = useWhen();
  const number = measuredNumber(formattingLocaleOf(i18n.resolvedLanguage ?? i18n.language));
  return (
    <ul className="clinic-entries">
      {items.map(({ observation, earlier }, index) => {
        const flag = flagOf(observation);
        const value =
          quantityText(observation.valueQuantity, number) ??
          conceptLabel(observation.valueCodeableConcept, i18n.language) ??
          (observation.component?.length
            ? observation.component
                .map((component) => quantityText(component.valueQuantity, number))
                .filter(Boolean)
                .join(' / ')
            : null);
        const range = rangeText(observation, number);
        return (
          <Entry
            key={observation.id ?? index}
            title={conceptLabel(observation.code, i18n.language) ?? t('clinician.unnamedCode')}
            facts={[
              value,
              range ? t('clinician.chart.range', { range }) : null,
              when(observedAt(observation)),
              earlier > 0 ? t('clinician.chart.earlier', { count: earlier }) : null,
            ]}
            badge={flag ? <Badge tone={FLAG_TONE[flag]}>{t(`clinician.flag.${flag}`)}</Badge> : undefined}
          />
        );
      })}
    </ul>
  );
}

function Immunizations({ items }: { items: Immunization[] }) {
  const { t, i18n } = useTranslation();
  const when = useWhen();
  return (
    <ul className="clinic-entries">
      {items.map((immunization, index) => (
        <Entry
          key={immunization.id ?? index}
          title={conceptLabel(immunization.vaccineCode, i18n.language) ?? t('clinician.unnamedCode')}
          facts={[
            when(immunization.occurrenceDateTime),
            immunization.protocolApplied?.[0]?.doseNumberPositiveInt
              ? t('clinician.chart.dose', { number: immunization.protocolApplied[0].doseNumberPositiveInt })
              : null,
          ]}
          badge={
            immunization.status !== 'completed' ? (
              <Badge tone="warning">{t('clinician.chart.notDone')}</Badge>
            ) : undefined
          }
        />
      ))}
    </ul>
  );
}

function Encounters({ items }: { items: Encounter[] }) {
  const { t, i18n } = useTranslation();
  const when = useWhen();
  return (
    <ul className="clinic-entries">
      {items.map((encounter, index) => {
        const start = when(encounter.period?.start);
        const end = when(encounter.period?.end);
        return (
          <Entry
            key={encounter.id ?? index}
            title={
              conceptLabel(encounter.type?.[0], i18n.language) ??
              codeLabel(encounter.class?.system, encounter.class?.code, i18n.language) ??
              t('clinician.chart.encounter')
            }
            facts={[
              start && end && start !== end ? `${start} – ${end}` : start,
              conceptLabel(encounter.reasonCode?.[0], i18n.language),
            ]}
          />
        );
      })}
    </ul>
  );
}

function Documents({ items }: { items: DocumentReference[] }) {
  const { t, i18n } = useTranslation();
  const when = useWhen();
  const [failed, setFailed] = useState<{ id: string; error: unknown } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function download(document: DocumentReference, title: string) {
    const id = document.id ?? '';
    setBusy(id);
    setFailed(null);
    try {
      const file = await documentPdf(document, i18n.resolvedLanguage ?? i18n.language);
      saveFile(file.blob, file.filename ?? `${title}.pdf`);
    } catch (error) {
      setFailed({ id, error });
    } finally {
      setBusy(null);
    }
  }

  return (
    <ul className="clinic-entries">
      {items.map((document, index) => {
        const title = conceptLabel(document.type, i18n.language) ?? t('clinician.chart.document');
        return (
          <li key={document.id ?? index} className="clinic-entry">
            <div className="clinic-entry__main">
              <span className="clinic-entry__title">{title}</span>
              <span className="clinic-entry__facts">{when(document.date) ?? ''}</span>
              {failed && failed.id === document.id && (
                <span className="form-error">{describeError(failed.error, t).title}</span>
              )}
            </div>
            <Button
              variant="secondary"
              disabled={busy === document.id}
              onClick={() => void download(document, title)}
            >
              {t('clinician.chart.pdf')}
              <span className="visually-hidden">: {title}</span>
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
