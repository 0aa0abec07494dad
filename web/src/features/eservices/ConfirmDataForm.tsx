import type { ParkingPermitPrefill } from '@civitas/contracts/api/parking-permit.ts';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { ErrorSummary } from '../../shared/ui/FormFields.tsx';
import { ConfirmedSummary } from './ConfirmedSummary.tsx';
import { emptyFields } from './confirm-values.ts';
import { localisedText } from './localised-text.ts';
import { fieldInputId, PrefilledFieldRow } from './PrefilledFieldRow.tsx';
import type { FieldDefinition, FieldName, FieldSection } from './parking-permit-fields.ts';
import { initialValues, type PrefillRow, prefillRows, unansweredSources } from './prefill-rows.ts';
import { SourcesCard } from './SourcesCard.tsx';
import { UnansweredSourcesAlert } from './UnansweredSourcesAlert.tsx';
import { VehicleSelect } from './VehicleSelect.tsx';
import { prefillForVehicle, VEHICLE_FIELDS } from './vehicle-choice.ts';
import './ConfirmData.css';

interface ConfirmDataFormProps {
  prefill: ParkingPermitPrefill;
  fields: readonly FieldDefinition[];
}

/**
 * The prefilled form: the registers' values to check, inputs for what they could not supply,
 * and an account of the data request. Confirming only validates; there is no submission yet.
 */
export function ConfirmDataForm({ prefill, fields }: ConfirmDataFormProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const [vin, setVin] = useState(() => prefill.vehicles[0]?.vin ?? '');
  const rows = useMemo(() => prefillRows(prefillForVehicle(prefill, vin), fields), [prefill, fields, vin]);
  const [values, setValues] = useState(() => initialValues(rows));
  const [editing, setEditing] = useState<ReadonlySet<FieldName>>(() => new Set());
  const [errors, setErrors] = useState<FieldName[]>([]);
  const [submission, setSubmission] = useState(0);
  const [confirmed, setConfirmed] = useState(false);
  const formTop = useRef<HTMLDivElement>(null);
  const returnedFromReview = useRef(false);

  useEffect(() => {
    if (!confirmed && returnedFromReview.current) formTop.current?.focus();
  }, [confirmed]);

  const sourceName = (row: PrefillRow) =>
    localisedText(row.source?.name, language, row.source?.key ?? row.field.source);

  function setValue(name: FieldName, value: string) {
    setValues((current) => ({ ...current, [name]: value }));
  }

  /** Another of the citizen's vehicles: its register values replace the vehicle fields. */
  function chooseVehicle(nextVin: string) {
    const isVehicleField = (name: FieldName) => (VEHICLE_FIELDS as readonly string[]).includes(name);
    const nextRows = prefillRows(prefillForVehicle(prefill, nextVin), fields).filter((row) =>
      isVehicleField(row.field.name),
    );
    setVin(nextVin);
    setValues((current) => ({ ...current, ...initialValues(nextRows) }));
    setEditing((current) => new Set([...current].filter((name) => !isVehicleField(name))));
    setErrors((current) => current.filter((name) => !isVehicleField(name)));
  }

  function setEditingField(name: FieldName, on: boolean) {
    setEditing((current) => {
      const next = new Set(current);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const empty = emptyFields(rows, values);
    setErrors(empty);
    setSubmission((count) => count + 1);
    if (empty.length === 0) setConfirmed(true);
  }

  if (confirmed) {
    return (
      <ConfirmedSummary
        rows={rows}
        values={values}
        sourceName={sourceName}
        onChangeData={() => {
          returnedFromReview.current = true;
          setConfirmed(false);
        }}
      />
    );
  }

  const errorMessage = (row: PrefillRow) => {
    if (!errors.includes(row.field.name)) return null;
    const label = t(`confirmData.fields.${row.field.name}`);
    return row.field.kind === 'yesNo'
      ? t('confirmData.requiredChoice', { label })
      : t('confirmData.required', { label });
  };

  return (
    <>
      <div ref={formTop} tabIndex={-1} className="stack">
        <ErrorSummary
          title={t('confirmData.errorSummary')}
          attempt={submission}
          errors={rows.flatMap((row) => {
            const message = errorMessage(row);
            return message ? [{ id: fieldInputId(row.field.name), message }] : [];
          })}
        />
        <UnansweredSourcesAlert sources={unansweredSources(prefill)} language={language} />
        <p className="lead">{t('confirmData.intro')}</p>
        <FieldList>
          <Field label={t('confirmData.purpose')}>{localisedText(prefill.purpose, language, '—')}</Field>
          <Field label={t('confirmData.legalBasis')}>
            {localisedText(prefill.legalBasis, language, '—')}
          </Field>
        </FieldList>
      </div>
      <form noValidate onSubmit={handleSubmit} className="stack">
        {sectionsOf(rows).map(([section, sectionRows]) => (
          <Card key={section} title={t(`confirmData.sections.${section}`)}>
            {section === 'vehicle' && prefill.vehicles.length > 0 && (
              <VehicleSelect vehicles={prefill.vehicles} value={vin} onChange={chooseVehicle} />
            )}
            <FieldList>
              {sectionRows.map((row) => (
                <PrefilledFieldRow
                  key={row.field.name}
                  row={row}
                  value={values[row.field.name]}
                  editing={editing.has(row.field.name)}
                  error={errorMessage(row)}
                  sourceName={sourceName(row)}
                  onChange={(value) => setValue(row.field.name, value)}
                  onEdit={() => setEditingField(row.field.name, true)}
                  onUseRegisterValue={() => {
                    setValue(row.field.name, row.registerValue ?? '');
                    setEditingField(row.field.name, false);
                  }}
                />
              ))}
            </FieldList>
          </Card>
        ))}
        <div className="button-group">
          <Button type="submit" className="button--large">
            {t('confirmData.confirm')}
          </Button>
        </div>
      </form>
      <SourcesCard prefill={prefill} language={language} />
    </>
  );
}

function sectionsOf(rows: readonly PrefillRow[]): Array<[FieldSection, PrefillRow[]]> {
  const sections = new Map<FieldSection, PrefillRow[]>();
  for (const row of rows) {
    const section = sections.get(row.field.section);
    if (section) section.push(row);
    else sections.set(row.field.section, [row]);
  }
  return [...sections];
}
