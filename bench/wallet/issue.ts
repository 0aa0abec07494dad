// Hook for `npm run bench -- wallet`: the `issuer` part fills this in (credentials issued per
// second on PostgreSQL: token + proof check + register fetch through the exchange + status index +
// sign + log). Until then the wallet bench reports no `issue_per_s`.
export async function runIssue(): Promise<number | null> {
  return null;
}
