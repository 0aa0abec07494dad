import { MEDIA_TYPES, type TokenKind } from './publish.ts';

/**
 * The token kind an `Accept` header asks for (draft-ietf-oauth-status-list: the status list is
 * served as `application/statuslist+jwt` or `+cwt` by content negotiation). No header, `*\/*` or
 * `application/*` get the list's own family; null when nothing offered is acceptable.
 */
export function negotiateTokenKind(accept: string | undefined, preferred: TokenKind): TokenKind | null {
  if (!accept?.trim()) return preferred;
  const offered: TokenKind[] = preferred === 'jwt' ? ['jwt', 'cwt'] : ['cwt', 'jwt'];
  let best: { kind: TokenKind; q: number; specific: number } | null = null;
  for (const range of accept.split(',')) {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const qParameter = parameters.find((parameter) => parameter.startsWith('q='));
    const q = qParameter ? Number(qParameter.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    for (const kind of offered) {
      const specific = type === MEDIA_TYPES[kind] ? 2 : type === 'application/*' || type === '*/*' ? 1 : 0;
      if (specific === 0) continue;
      const better = !best || q > best.q || (q === best.q && specific > best.specific);
      if (better) best = { kind, q, specific };
    }
  }
  return best?.kind ?? null;
}
