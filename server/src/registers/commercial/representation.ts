import { checkEikOrBranch } from '@civitas/contracts/ids/eik.ts';
import type { Connection } from '../../db/index.ts';
import type { RepresentationCheck } from '../../exchange/index.ts';
import { commercialQueries } from './queries.ts';

/**
 * The exchange's `X-Road-Represented-Party` check, answered by the commercial register: a
 * company (class `COM`, or no class) by its EIK or a branch's 13-digit code, and whether the
 * user may represent it (an active company, a representative who may act alone), exactly as the
 * register's `/{eik}/representatives/{egn}` endpoint answers.
 */
export function representationCheck(connection: Connection): RepresentationCheck {
  const queries = commercialQueries(connection);
  return async (party, userId) => {
    if (party.partyClass !== null && party.partyClass !== 'COM') return 'unknown-party';
    if (checkEikOrBranch(party.partyCode)) return 'unknown-party';
    const answer = await queries.representation(party.partyCode.slice(0, 9), userId);
    if (!answer) return 'unknown-party';
    return answer.mayRepresent ? 'may-represent' : 'may-not-represent';
  };
}
