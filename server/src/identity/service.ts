import crypto from 'node:crypto';
import type { PersonalNumberScheme } from '@civitas/contracts/ids/personal-number.ts';
import type { Connection } from '../db/index.ts';
import type { Config } from '../kernel/index.ts';
import { AppError } from '../kernel/index.ts';
import { rolesOf } from './demo-accounts.ts';
import type { IdentityKeys } from './keys.ts';
import type { PersonDirectory } from './person-directory.ts';
import { PinAttempts } from './pin-attempts.ts';
import { identityPolicy } from './policy.ts';
import type { SignIns } from './sign-ins.ts';
import { type AccessTokenClaims, eidIssuer, issueScriptingToken } from './tokens.ts';

/** Why a PIN sign-in was refused; each has its own status and words on the page. */
export type SignInRefusal =
  | { reason: 'demo-disabled' }
  | { reason: 'invalid-personal-number'; problem: string }
  | { reason: 'locked'; lockedUntil: Date }
  | { reason: 'wrong-credentials'; lockedUntil: Date | null };

export type SignInOutcome = { signedIn: true } | ({ signedIn: false } & SignInRefusal);

export interface IdentityServiceOptions {
  db: Connection;
  config: Pick<Config, 'demo' | 'demoPin' | 'publicUrl'>;
  directory: PersonDirectory;
  signIns: SignIns;
  /** The instance's personal numbers (EGN, PESEL): what a sign-in's number must be. */
  personalNumbers: PersonalNumberScheme;
}

/** Compared as digests: no early exit that would tell how much of the PIN was right. */
function pinMatches(given: string, expected: string): boolean {
  const digest = (value: string) => crypto.createHash('sha256').update(value).digest();
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

/** The eID node's sign-in and what it answers about the people it signed in. */
export class IdentityService {
  private readonly options: IdentityServiceOptions;
  private readonly attempts: PinAttempts;

  constructor(options: IdentityServiceOptions) {
    this.options = options;
    this.attempts = new PinAttempts(options.db);
  }

  /**
   * The demo PIN sign-in. Wrong PINs are counted per personal number, known or not: an unknown
   * number and a wrong PIN get the same answers, by the same path (the register is asked only
   * once the PIN is right). A success records the person's claims for the session.
   */
  async signIn(personalNumber: string, pin: string): Promise<SignInOutcome> {
    const { config, directory } = this.options;
    if (!config.demo) return { signedIn: false, reason: 'demo-disabled' };
    const problem = this.options.personalNumbers.check(personalNumber);
    if (problem) return { signedIn: false, reason: 'invalid-personal-number', problem };
    const gate = await this.attempts.gate(personalNumber);
    if (!gate.allowed) return { signedIn: false, reason: 'locked', lockedUntil: gate.lockedUntil };
    const person = pinMatches(pin, config.demoPin) ? await directory.find(personalNumber) : undefined;
    if (!person || person.deceased) {
      const lockedUntil = await this.attempts.fail(personalNumber);
      return { signedIn: false, reason: 'wrong-credentials', lockedUntil };
    }
    await this.attempts.succeed(personalNumber);
    await this.options.signIns.record(person);
    return { signedIn: true };
  }

  /**
   * Signs in a person whose passkey was verified: the population register is asked as for a PIN
   * sign-in (a logged "authentication" access); a person the register no longer knows, or who
   * has died, is not signed in.
   */
  async signInWithPasskey(personalNumber: string): Promise<boolean> {
    const person = await this.options.directory.find(personalNumber);
    if (!person || person.deceased) return false;
    await this.options.signIns.record(person);
    return true;
  }

  /** userinfo: the subject, and the claims read at sign-in when the token's scopes ask for them. */
  async userinfo(principal: AccessTokenClaims): Promise<Record<string, unknown>> {
    const { profile } = identityPolicy.userinfoScope(principal);
    const claims = await this.options.signIns.claimsOf(principal.subject);
    if (!claims) throw new AppError('token-invalid', 'The eID session of this access token has ended.');
    return {
      sub: principal.subject,
      ...(profile && {
        ...claims,
        roles: await rolesOf(this.options.db, principal.subject, this.options.config.demo),
      }),
    };
  }
}

/** A scripting token for a seeded person; refused in production and for unknown or deceased persons. */
export async function issueDemoToken(
  db: Connection,
  keys: IdentityKeys,
  config: Config,
  directory: PersonDirectory,
  personalNumbers: PersonalNumberScheme,
  personalNumber: string,
): Promise<string> {
  identityPolicy.requireDemo(config);
  const problem = personalNumbers.check(personalNumber);
  if (problem)
    throw new AppError('invalid-personal-number', `The personal number is not valid (${problem}).`);
  const person = await directory.find(personalNumber);
  if (!person || person.deceased) throw new AppError('person-not-found');
  const roles = await rolesOf(db, personalNumber, config.demo);
  return issueScriptingToken(keys, eidIssuer(config.publicUrl), personalNumber, roles);
}
