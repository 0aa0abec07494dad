import { AppError } from '../src/kernel/errors.ts';

/**
 * The error code a decision was refused with, or `allowed`; for the error's detail as well, see
 * `refusalOf`. Anything but an `AppError` is a defect and fails the test.
 */
export async function refusalCodeOf(decision: Promise<unknown> | (() => unknown)): Promise<string> {
  return (await refusalOf(decision))?.code ?? 'allowed';
}

/** The `AppError` a decision was refused with, or null when it was allowed. */
export async function refusalOf(decision: Promise<unknown> | (() => unknown)): Promise<AppError | null> {
  try {
    await (typeof decision === 'function' ? decision() : decision);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  return null;
}
