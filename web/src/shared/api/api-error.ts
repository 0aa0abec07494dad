import type { Problem } from './problem.ts';

/** The API answered with an error status; `problem` is null when the body was not problem+json. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    super(problem ? `${status} ${problem.title}` : `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** The request never got an answer (offline, DNS, connection reset). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('the API could not be reached', { cause });
    this.name = 'NetworkError';
  }
}
