/**
 * Who may see what of a person: the person themselves their whole profile, an official or police
 * officer a person card under a purpose–basis pair of their role (the access policy's), with the
 * identity documents only when the purpose is to check an ID shown. Decided here, below HTTP.
 */
import type { AccessPolicy, AuthorisedAccess, Caller } from '../../access/index.ts';
import type { CallContext } from '../../exchange/index.ts';
import { AppError } from '../../kernel/index.ts';

/** The purpose and legal basis of a person's access to their own data (GDPR Art. 15). */
export const SUBJECT_ACCESS = { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' } as const;

/** The purposes for which a person card carries the identity documents (checking an ID shown). */
export const PURPOSES_WITH_DOCUMENTS: ReadonlySet<string> = new Set(['identity-verification']);

/** The exchange call of a profile: the person it is about is the one who asks. */
export interface OwnProfileAccess extends CallContext {
  dataSubject: string;
  userId: string;
}

/** What an official asked a person card with (X-Purpose, X-Legal-Basis, X-Case). */
export interface PersonCardIntent {
  purpose?: string | undefined;
  legalBasis?: string | undefined;
  caseRef?: string | null | undefined;
}

export interface PersonCardGrant {
  /** The lookup as the caller's administration, under the pair they stated. */
  access: AuthorisedAccess;
  /** Whether the identity documents register is asked too (data minimisation). */
  withDocuments: boolean;
}

/** A person sees only their own profile: there is no parameter naming anyone else. */
export function ownProfileAccess(
  caller: Pick<Caller, 'subject'>,
  use: { purpose: string; legalBasis: string } = SUBJECT_ACCESS,
): OwnProfileAccess {
  return {
    purpose: use.purpose,
    legalBasis: use.legalBasis,
    dataSubject: caller.subject,
    userId: caller.subject,
  };
}

export class ProfilePolicy {
  private readonly access: Pick<AccessPolicy, 'authorise'>;

  constructor(access: Pick<AccessPolicy, 'authorise'>) {
    this.access = access;
  }

  /**
   * A person card for an official or police officer: they must state a purpose and a legal basis
   * (`purpose-required`), and the pair must be their role's (`purpose-not-allowed`).
   */
  async personCard(caller: Caller, intent: PersonCardIntent): Promise<PersonCardGrant> {
    const purpose = intent.purpose?.trim();
    const legalBasis = intent.legalBasis?.trim();
    if (!purpose || !legalBasis) {
      throw new AppError('purpose-required', 'Send the X-Purpose and X-Legal-Basis headers.');
    }
    const access = await this.access.authorise(caller, 'person-card', {
      purpose,
      legalBasis,
      caseRef: intent.caseRef ?? null,
    });
    return { access, withDocuments: PURPOSES_WITH_DOCUMENTS.has(access.purpose) };
  }
}
