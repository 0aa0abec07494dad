/**
 * Identity documents of one person, derived only from the person row and the seed: an ID card from age 14,
 * a passport for about a third, some lost, stolen or expired, and the documents of deceased persons
 * destroyed or left to expire.
 */
import { addYears, dayFromIso, isoFromDay } from '@civitas/contracts/days.ts';
import { makeScrambler } from '@civitas/contracts/ids/scramble.ts';
import { forkRandom, type Random, type Seed } from '../../kernel/index.ts';
import { demoEgns } from '../population/demo.ts';
import { egnOrdinal } from '../population/egn-ordinal.ts';
import { SYNTHETIC_TODAY } from '../population/generate.ts';
import { placeByEkatte } from '../population/places.ts';
import type { PersonRow } from '../population/tables.ts';
import type { DocumentKind, DocumentStatus, IdentityDocumentRow } from './tables.ts';

const TODAY = dayFromIso(SYNTHETIC_TODAY);
// One leading digit per kind and generation keeps every number unique without a registry of issued numbers.
const NUMBERS = makeScrambler(100_000_000, 7_654_321, 12_345_679);
const LEADING_DIGIT = {
  id_card: '6',
  id_card_replacement: '7',
  passport: '3',
  passport_replacement: '4',
} as const;

function issuerFor(person: PersonRow): string {
  const region = placeByEkatte(person.birth_place_ekatte)?.region.name ?? 'София (столица)';
  return `МВР – ${region}`;
}

interface Issue {
  kind: DocumentKind;
  numberPrefix: string;
  issuedDay: number;
  validYears: number;
}

function row(
  person: PersonRow,
  issue: Issue,
  ordinal: number,
  issuer: string,
  status: DocumentStatus,
): IdentityDocumentRow {
  return {
    number: issue.numberPrefix + String(NUMBERS.scramble(ordinal)).padStart(8, '0'),
    egn: person.egn,
    kind: issue.kind,
    issued_on: isoFromDay(issue.issuedDay),
    valid_until: isoFromDay(addYears(issue.issuedDay, issue.validYears)),
    issuer,
    status,
  };
}

/** Issue date of the document current on `onDay`: renewed every `validYears`, never before `earliest`. */
function currentIssueDay(random: Random, earliest: number, onDay: number, validYears: number): number {
  const from = Math.max(earliest, addYears(onDay, -validYears) + 1);
  return random.int(Math.min(from, onDay), onDay);
}

export function generateIdentityDocuments(person: PersonRow, seed: Seed): IdentityDocumentRow[] {
  const random = forkRandom(seed, 'identity-documents', person.egn);
  const birthDay = dayFromIso(person.birth_date);
  const endDay = person.death_date ? dayFromIso(person.death_date) : TODAY;
  const fourteen = addYears(birthDay, 14);
  if (fourteen > endDay) return [];
  const ordinal = egnOrdinal(person.egn);
  const issuer = issuerFor(person);
  const isDemo = demoEgns(seed).has(person.egn);
  const documents: IdentityDocumentRow[] = [];
  const adult = addYears(birthDay, 18);

  // ID card: a share of people let it expire; the rest hold the one issued in the last validity period.
  // Adults renew at 18, so an adult's current card was issued as an adult and runs 10 years; a minor's runs 4.
  const lapses = !isDemo && random.chance(0.03);
  const referenceDay = Math.max(fourteen, lapses ? endDay - random.int(30, 900) : endDay);
  const cardYears = referenceDay >= adult ? 10 : 4;
  const cardDay = currentIssueDay(random, cardYears === 10 ? adult : fourteen, referenceDay, cardYears);
  const mishap = random.next();
  if (!isDemo && mishap < 0.013 && cardDay + 60 < endDay) {
    // A lost (or stolen) card, replaced by a new one a few weeks later.
    const lostStatus: DocumentStatus = mishap < 0.003 ? 'stolen' : 'lost';
    documents.push(
      row(
        person,
        { kind: 'id_card', numberPrefix: LEADING_DIGIT.id_card, issuedDay: cardDay, validYears: cardYears },
        ordinal,
        issuer,
        lostStatus,
      ),
    );
    const replacedDay = random.int(cardDay + 14, Math.min(endDay, cardDay + 400));
    const replacementYears = replacedDay >= adult ? 10 : 4;
    documents.push(
      row(
        person,
        {
          kind: 'id_card',
          numberPrefix: LEADING_DIGIT.id_card_replacement,
          issuedDay: replacedDay,
          validYears: replacementYears,
        },
        ordinal,
        issuer,
        'valid',
      ),
    );
  } else {
    documents.push(
      row(
        person,
        { kind: 'id_card', numberPrefix: LEADING_DIGIT.id_card, issuedDay: cardDay, validYears: cardYears },
        ordinal,
        issuer,
        'valid',
      ),
    );
  }

  if (random.chance(0.35)) {
    const passportDay = currentIssueDay(random, fourteen, endDay, 10);
    const years = passportDay >= adult ? 10 : 5;
    const lost = random.chance(0.01);
    documents.push(
      row(
        person,
        { kind: 'passport', numberPrefix: LEADING_DIGIT.passport, issuedDay: passportDay, validYears: years },
        ordinal,
        issuer,
        lost ? 'lost' : 'valid',
      ),
    );
  }

  if (person.deceased) {
    // Documents returned after a death are destroyed; others simply run out.
    for (const document of documents) {
      if (document.status === 'valid' && document.valid_until >= SYNTHETIC_TODAY && random.chance(0.8))
        document.status = 'destroyed';
    }
  }
  return documents;
}
