import type { Catalogue, CatalogueEntry } from '@civitas/contracts/api/eservices.ts';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { VEHICLE_CHECK_PATH } from '../vehicle-dossier/paths.ts';
import { fetchCatalogue } from './fetch-catalogue.ts';
import { APPLICATIONS_PATH, applyPath, PARKING_PERMIT_PATH } from './paths.ts';
import './ServicesScreen.css';

type State =
  | { kind: 'loading' }
  | { kind: 'loaded'; catalogue: Catalogue }
  | { kind: 'failed'; error: unknown };

/**
 * Services with a screen of their own, richer than the declared form: the parking permit's offers
 * a choice among the citizen's cars with each one's vehicle tax (its declared form stays at
 * `/services/apply/resident-parking-permit`).
 */
const DEDICATED_SCREENS: Readonly<Record<string, string>> = {
  'resident-parking-permit': PARKING_PERMIT_PATH,
};

/** The e-services catalogue: search in the reader's language, chips for categories and life events, a card per service. */
export function ServicesScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const searchId = useId();
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [lifeEvent, setLifeEvent] = useState<string | null>(null);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // Chips stay those of the whole catalogue, whatever is filtered.
  const [chips, setChips] = useState<{ categories: string[]; lifeEvents: string[] } | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchCatalogue({ q, category, lifeEvent, lang }, controller.signal).then(
        (catalogue) => {
          setState({ kind: 'loaded', catalogue });
          setChips(
            (known) => known ?? { categories: catalogue.categories, lifeEvents: catalogue.lifeEvents },
          );
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setState({ kind: 'failed', error });
        },
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, category, lifeEvent, lang, attempt]);

  return (
    <div className="stack">
      <PageHeading title={t('serviceCatalogue.title')}>{t('serviceCatalogue.title')}</PageHeading>
      <p className="lead">{t('eservices.intro')}</p>
      <p>
        <Link href={APPLICATIONS_PATH}>{t('myApplications.link')}</Link>
      </p>
      <search className="catalogue-search">
        <label htmlFor={searchId}>{t('serviceCatalogue.search')}</label>
        <input
          id={searchId}
          type="search"
          value={q}
          maxLength={200}
          placeholder={t('serviceCatalogue.searchPlaceholder')}
          onChange={(event) => setQ(event.target.value)}
        />
      </search>
      {chips && (
        <>
          <ChipGroup
            label={t('serviceCatalogue.lifeEvents')}
            values={chips.lifeEvents}
            selected={lifeEvent}
            onSelect={setLifeEvent}
            labelOf={(code) => t(`serviceCatalogue.lifeEvent.${code}`, { defaultValue: code })}
          />
          <ChipGroup
            label={t('serviceCatalogue.categories')}
            values={chips.categories}
            selected={category}
            onSelect={setCategory}
            labelOf={(code) => t(`serviceCatalogue.category.${code}`, { defaultValue: code })}
          />
        </>
      )}
      {state.kind === 'loading' && <LoadingIndicator label={t('serviceCatalogue.loading')} />}
      {state.kind === 'failed' && (
        <LoadFailed
          title={t('serviceCatalogue.loadFailed')}
          error={state.error}
          retryLabel={t('confirmData.retry')}
          onRetry={() => setAttempt((n) => n + 1)}
        />
      )}
      {state.kind === 'loaded' && (
        <>
          <p aria-live="polite" className="secondary-text">
            {t('serviceCatalogue.found', { count: state.catalogue.services.length })}
          </p>
          <ul className="service-list">
            {state.catalogue.services.map((service) => (
              <ServiceCard key={service.code} service={service} lang={lang} />
            ))}
          </ul>
        </>
      )}
      <ul className="service-list">
        <li className="card service-list__item">
          <h2 className="service-list__title">
            <Link href={VEHICLE_CHECK_PATH}>{t('eservices.vehicleCheck.title')}</Link>
          </h2>
          <p>{t('eservices.vehicleCheck.description')}</p>
        </li>
      </ul>
    </div>
  );
}

function ChipGroup(props: {
  label: string;
  values: string[];
  selected: string | null;
  onSelect: (value: string | null) => void;
  labelOf: (code: string) => string;
}) {
  return (
    <fieldset className="chip-group">
      <legend>{props.label}</legend>
      {props.values.map((value) => (
        <button
          key={value}
          type="button"
          className="chip"
          aria-pressed={props.selected === value}
          onClick={() => props.onSelect(props.selected === value ? null : value)}
        >
          {props.labelOf(value)}
        </button>
      ))}
    </fieldset>
  );
}

function ServiceCard({ service, lang }: { service: CatalogueEntry; lang: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const text = (value: { bg: string; en: string; pl: string }) => value[lang as 'bg'] ?? value.en;
  return (
    <li className="card service-list__item">
      <h2 className="service-list__title">
        <Link href={DEDICATED_SCREENS[service.code] ?? applyPath(service.code)}>{text(service.title)}</Link>
      </h2>
      <p>{text(service.summary)}</p>
      <dl className="service-facts">
        <div>
          <dt>{t('serviceCatalogue.fee')}</dt>
          <dd>{service.fee ? format.money(service.fee.amountCents) : t('serviceCatalogue.free')}</dd>
        </div>
        <div>
          <dt>{t('serviceCatalogue.deadline')}</dt>
          <dd>{t('serviceCatalogue.days', { count: service.processingDays })}</dd>
        </div>
        <div>
          <dt>{t('serviceCatalogue.administration')}</dt>
          <dd>{text(service.administration.name)}</dd>
        </div>
      </dl>
    </li>
  );
}
