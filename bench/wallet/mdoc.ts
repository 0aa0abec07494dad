// Hook for `npm run bench -- wallet`: the `mdoc` part fills this in (mdoc presentation
// verification per second on one core: issuer signature, chain, device signature, session
// transcript, status). Until then the wallet bench reports no `mdoc_verify_per_s`.
export async function runMdocVerify(): Promise<number | null> {
  return null;
}
