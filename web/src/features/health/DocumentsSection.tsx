import type { DocumentReference } from '@medplum/fhirtypes';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { supportedLanguages } from '../../shared/i18n/languages.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Card } from '../../shared/ui/Card.tsx';
import type { HealthRecord } from './fhir-record.ts';
import { HideControl } from './HideControl.tsx';
import type { HealthPatient } from './health-api.ts';
import { downloadDocumentPdf, downloadSummaryPdf } from './health-requests.ts';
import { PdfButton } from './PdfButton.tsx';
import { type RecordPractitioner, recordPractitioners } from './record-people.ts';
import { conceptLabel } from './terms.ts';

/** The patient summary to show a doctor abroad, and the documents (discharge letters, referrals) as PDF. */
export function DocumentsSection({ record, patient }: { record: HealthRecord; patient: HealthPatient }) {
  const { t } = useTranslation();
  const practitioners = recordPractitioners(record);
  const documents = record.documents
    .filter((document) => document.status !== 'entered-in-error')
    .toSorted((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
  return (
    <>
      <SummaryCard patient={patient} />
      <Card title={t('health.documents.title')}>
        {documents.length === 0 ? (
          <p>{t('health.documents.empty')}</p>
        ) : (
          <ul className="health-list">
            {documents.map((document) => (
              <DocumentItem key={document.id} document={document} practitioners={practitioners} />
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

function DocumentItem({
  document,
  practitioners,
}: {
  document: DocumentReference;
  practitioners: RecordPractitioner[];
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const name = conceptLabel(document.type, language) ?? t('health.documents.unnamed');
  const author =
    document.author?.find((reference) => reference.display)?.display ?? document.custodian?.display;
  const date = document.date?.slice(0, 10);
  const what = date ? `${name}, ${format.date(date)}` : name;
  return (
    <li className="health-item">
      <h3 className="health-item__title">{name}</h3>
      <p className="secondary-text">
        {date && format.date(date)}
        {author && ` · ${author}`}
      </p>
      <PdfButton
        label={t('health.documents.open')}
        accessibleLabel={t('health.documents.openNamed', { what })}
        download={() => downloadDocumentPdf(document, language)}
        filename={`${document.id ?? 'document'}.pdf`}
        variant="secondary"
      />
      {document.id && (
        <HideControl
          target={{ kind: 'resource', reference: `DocumentReference/${document.id}` }}
          what={what}
          practitioners={practitioners}
        />
      )}
    </li>
  );
}

/** The International Patient Summary as PDF, in the language of the doctor who will read it. */
function SummaryCard({ patient }: { patient: HealthPatient }) {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState(i18n.resolvedLanguage ?? i18n.language);
  const selectId = useId();
  return (
    <Card title={t('health.summary.title')}>
      <p>{t('health.summary.intro')}</p>
      <div className="form-group">
        <label className="form-label" htmlFor={selectId}>
          {t('health.summary.language')}
        </label>
        <select
          id={selectId}
          className="form-input form-select"
          value={language}
          onChange={(event) => setLanguage(event.target.value)}
        >
          {supportedLanguages.map((candidate) => (
            <option key={candidate.code} value={candidate.code} lang={candidate.code}>
              {candidate.nativeName}
            </option>
          ))}
        </select>
      </div>
      <PdfButton
        label={t('health.summary.download')}
        download={() => downloadSummaryPdf(patient.patientId, language)}
        filename={`patient-summary-${language}.pdf`}
      />
      <p className="secondary-text">{t('health.summary.note')}</p>
    </Card>
  );
}
