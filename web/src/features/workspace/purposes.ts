import type { AllowedPairs, LookupService, PurposeChoice } from '@civitas/contracts/api/access.ts';
import { apiGet } from '../../shared/api/api-client.ts';

export function fetchPurposeChoices(signal: AbortSignal): Promise<PurposeChoice[]> {
  return apiGet<AllowedPairs>('/api/access/purposes', { signal }).then((answer) => answer.items);
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
