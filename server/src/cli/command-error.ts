/**
 * A command that cannot do its work for a reason the user can act on: its message says what to
 * do, and its exit status (from sysexits.h, as the configuration error's 78) lets scripts tell
 * "nothing here" from "try again later".
 */
export class CommandError extends Error {
  readonly exitStatus: number;

  constructor(message: string, exitStatus: number) {
    super(message);
    this.name = 'CommandError';
    this.exitStatus = exitStatus;
  }
}

/** EX_NOINPUT: what the command reads does not exist (no database, nothing seeded). */
export const NOTHING_HERE = 66;
/** EX_TEMPFAIL: try again later (a server is starting, or holds what the command needs). */
export const TRY_AGAIN_LATER = 75;
