import type { Organisation, UsageRecord } from '@civitas/contracts/api/data-usage.ts';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UsageCheck } from '../../shared/api/verify-usage.ts';
import {
  CategoryList,
  legalBasisLabel,
  organisationNames,
  purposeLabel,
} from '../../shared/i18n/code-labels.tsx';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { useLatinScript } from '../../shared/i18n/use-latin-script.ts';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { VerificationDetail, VerificationMark } from './VerificationMark.tsx';

interface UsageEntryProps {
  record: UsageRecord;
  check: UsageCheck | undefined;
  now: Date;
}

/** One access to the person's data: who, which register, why, on what basis, and its log check. */
export function UsageEntry({ record, check, now }: UsageEntryProps) {
  const format = useFormatters();
  const latin = useLatinScript();
  const { t } = useTranslation();
  return (
    <Card title={format.dateTime(record.logTime)} headingLevel={3} aside={<VerificationMark check={check} />}>
      <VerificationDetail check={check} />
      <EmergencyNote record={record} />
      <UsageFields record={record} official={officialText(record, latin, t)} />
      <HiddenNote record={record} now={now} />
    </Card>
  );
}

/** Whom the person is shown as having made the access: themself, the official by name, or "not named". */
export function officialText(record: UsageRecord, latin: boolean, t: TFunction): string {
  if (record.self) return t('dataUsage.you');
  return (latin ? record.initiatorPersonLatin : record.initiatorPerson) ?? t('dataUsage.officialNotGiven');
}

/**
 * What a usage record says, the same for the person and for an auditor: who (the organisation
 * and `official`, whom each viewer is shown differently), which register, why, on what basis,
 * and where it stands in the log; `children` adds a viewer's own fields.
 */
export function UsageFields({
  record,
  official,
  logEntry = true,
  children,
}: {
  record: UsageRecord;
  official: ReactNode;
  /** Whether to say where the record stands in the log (a session says it for each access). */
  logEntry?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <FieldList>
      <Field label={t('dataUsage.organisation')}>
        <OrganisationName organisation={record.initiatorOrg} />
      </Field>
      <Field label={t('dataUsage.official')}>{official}</Field>
      <Field label={t('dataUsage.register')}>
        <OrganisationName organisation={record.receiver} />
      </Field>
      <Field label={t('dataUsage.purpose')}>{purposeLabel(record.purpose, t)}</Field>
      <Field label={t('dataUsage.legalBasis')}>{legalBasisLabel(record.legalBasis, t)}</Field>
      {record.caseRef && <Field label={t('dataUsage.caseRef')}>{record.caseRef}</Field>}
      <Field label={t('dataUsage.dataCategories')}>
        <CategoryList categories={record.dataCategories} />
      </Field>
      {logEntry && (
        <Field label={t('dataUsage.logEntry')}>
          {t('dataUsage.logEntryNumber', { index: record.logIndex })}
        </Field>
      )}
      {children}
    </FieldList>
  );
}

/** The administration and its system, in the interface language. */
export function OrganisationName({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const { administration, system } = organisationNames(organisation, t);
  return (
    <>
      <span lang={administration.lang}>{administration.text}</span>
      <br />
      <span lang={system.lang} className="secondary-text">
        {system.text}
      </span>
    </>
  );
}

/** The purpose of an emergency (break-glass) access to the health record. */
export const EMERGENCY_ACCESS = 'emergency-access';

/** An emergency (break-glass) access is marked: a doctor opened the record without a care relationship. */
export function EmergencyNote({ record }: { record: UsageRecord }) {
  const { t } = useTranslation();
  if (record.purpose !== EMERGENCY_ACCESS) return null;
  return (
    <p className="usage-entry__emergency">
      <Badge tone="danger">{t('dataUsage.emergencyAccess')}</Badge> {t('dataUsage.emergencyAccessNote')}
    </p>
  );
}

/** A record hidden for a while (e.g. during an investigation) says so once it is disclosed. */
export function HiddenNote({ record, now }: { record: UsageRecord; now: Date }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!record.hiddenUntil || new Date(record.hiddenUntil) > now) return null;
  const date = format.dateTime(record.hiddenUntil);
  return (
    <p className="usage-entry__hidden">
      {record.hiddenReason
        ? t('dataUsage.hiddenUntilReason', { date, reason: record.hiddenReason })
        : t('dataUsage.hiddenUntil', { date })}
    </p>
  );
}
