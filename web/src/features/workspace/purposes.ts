import { apiGet } from '../../shared/api/api-client.ts';

/** What an official or police officer looks up; each has its own purpose–basis pairs. */
export type LookupService = 'person-card' | 'vehicle-dossier';

/**
 * One purpose–basis pair the signed-in official may use (GET /api/access/purposes). Purpose and
 * legal basis are codes; their words are in the locales (`purposes.<code>`, `legalBases.<code>`).
 */
export interface PurposeChoice {
  service: LookupService;
  purpose: string;
  legalBasis: string;
  /** Whether the legal ground allows hiding the access from the person for a while. */
  hideable: boolean;
}

export function fetchPurposeChoices(signal: AbortSignal): Promise<PurposeChoice[]> {
  return apiGet<{ items: PurposeChoice[] }>('/api/access/purposes', { signal }).then(
    (answer) => answer.items,
  );
}

/** The purposes granted for a service, each once, in the order the rights list them. */
export function purposesFor(choices: readonly PurposeChoice[], service: LookupService): string[] {
  return [...new Set(choices.filter((choice) => choice.service === service).map((choice) => choice.purpose))];
}

/** The legal bases granted together with a purpose for a service (none until a purpose is chosen). */
export function legalBasesFor(
  choices: readonly PurposeChoice[],
  service: LookupService,
  purpose: string,
): string[] {
  return [
    ...new Set(
      choices
        .filter((choice) => choice.service === service && choice.purpose === purpose)
        .map((choice) => choice.legalBasis),
    ),
  ];
}
