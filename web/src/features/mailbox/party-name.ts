import type { MailParty } from '@civitas/contracts/api/mailbox.ts';
import type { TFunction } from 'i18next';
import { localisedText } from '../eservices/localised-text.ts';

/** A sender or recipient in words: an administration by name, the reader as "you" (never a personal number). */
export function partyName(party: MailParty, language: string, t: TFunction): string {
  if (party.kind === 'administration') return localisedText(party.name ?? undefined, language, party.id);
  return party.id === 'me' ? t('mailbox.you') : t('mailbox.aPerson');
}
