// `npm run bench -- wallet`: the digital wallet's figures (issue 16), written to
// bench/results/wallet.json — SD-JWT VC presentation verification (ours and the library's
// reference path, same run), and the hooks the mdoc and issuer parts fill.
import { report } from './lib.ts';
// HOOK (issuer part): bench/wallet/issue.ts → issue_per_s.
import { runIssue } from './wallet/issue.ts';
// HOOK (mdoc part): bench/wallet/mdoc.ts → mdoc_verify_per_s.
import { runMdocVerify } from './wallet/mdoc.ts';
import { runSdJwtVerify } from './wallet/sdjwt.ts';

export async function run(): Promise<void> {
  const metrics: Record<string, number> = {};
  const sdjwt = await runSdJwtVerify();
  // Per core = per second of CPU time (see bench/wallet/sdjwt.ts); wall figures beside them.
  metrics.sdjwt_verify_per_s = Math.round(sdjwt.ours.perCpuSecond);
  metrics.sdjwt_verify_wall_per_s = Math.round(sdjwt.ours.perWallSecond);
  metrics.sdjwt_reference_verify_per_s = Math.round(sdjwt.reference.perCpuSecond);
  metrics.sdjwt_verify_ratio = Number((sdjwt.ours.perCpuSecond / sdjwt.reference.perCpuSecond).toFixed(2));
  const mdoc = await runMdocVerify();
  if (mdoc !== null) metrics.mdoc_verify_per_s = Math.round(mdoc);
  const issue = await runIssue();
  if (issue !== null) {
    // Credentials as the wallet asks for them: a batch of 3 copies (each its own key) per request.
    metrics.issue_per_s = Math.round(issue.credentialsPerSecond);
    metrics.issue_batch_requests_per_s = Math.round(issue.batchRequestsPerSecond);
    metrics.issue_single_copy_per_s = Math.round(issue.singleCopyPerSecond);
  }
  // Issuance runs on PostgreSQL; verification needs no database.
  report('wallet', issue !== null ? 'postgresql' : 'none (verification is in memory)', metrics);
}
