import { ApiError } from './api-error.ts';
import { parseProblem } from './problem.ts';

/** The error a failed response stands for, its problem+json body read when it has one. */
export async function responseError(response: Response): Promise<ApiError> {
  const body = await response.text().catch(() => '');
  return new ApiError(
    response.status,
    parseProblem(response.status, response.headers.get('content-type'), body),
  );
}
