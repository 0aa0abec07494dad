import { canonicalJson } from '@civitas/contracts/canonical-json.ts';
import { sha256 } from './envelope.ts';
import { decodeCompact, signCompactEs256, verifyCompactEs256 } from './es256.ts';
import type { MemberSigner, VerificationKey } from './signing.ts';

/**
 * Batch signatures, as X-Road's security servers make them: the envelopes a member signs in
 * the same moment share one ES256 signature over the list of their hashes. Each message
 * carries the batch JWS and its own envelope (`<batch jws>~<base64url envelope>`); a verifier
 * checks the batch signature once and each message's hash against the list. Alone, a message
 * is a batch of one; under load, one signature serves dozens.
 */
const MAX_BATCH = 64;

/**
 * A signer signs at most once per this many milliseconds. Alone, a message is signed in the next
 * turn of the event loop, as before; under load, the envelopes that arrive in the meantime share
 * the next signature (and the verifier's one verification), which bounds the signatures per
 * second instead of letting them grow with the load.
 */
const MIN_INTERVAL_MS = 1;

/** A signed envelope's token and its hash (SHA-256 of the signed bytes, base64url). */
export interface SignedEnvelope {
  token: string;
  hash: string;
}

interface BatchPayload {
  v: 1;
  hashes: string[];
}

export class EnvelopeSigner {
  private readonly signer: MemberSigner;
  private readonly typ: string;
  private pending: Array<{
    envelope: string;
    resolve: (signed: SignedEnvelope) => void;
    reject: (error: unknown) => void;
  }> = [];

  /** Told of every batch signature made: whose key made it, its type and the hashes it lists. */
  private readonly onSigned: ((batch: SignedBatch) => void) | undefined;

  constructor(signer: MemberSigner, typ: string, onSigned?: (batch: SignedBatch) => void) {
    this.signer = signer;
    this.typ = typ;
    this.onSigned = onSigned;
  }

  sign(envelope: object): Promise<string> {
    return this.signWithHash(envelope).then((signed) => signed.token);
  }

  /**
   * Signs an envelope (as canonical JSON) and answers the token with the envelope's hash: the
   * SHA-256 of exactly the bytes signed, which is what the batch lists and what binds an answer
   * to its request.
   */
  signWithHash(envelope: object): Promise<SignedEnvelope> {
    const serialised = canonicalJson(envelope as Record<string, unknown>);
    return new Promise((resolve, reject) => {
      this.pending.push({ envelope: serialised, resolve, reject });
      if (this.pending.length === 1) {
        const wait = this.lastFlush + MIN_INTERVAL_MS - performance.now();
        if (wait <= 0) setImmediate(() => this.flush());
        else this.timer = setTimeout(() => this.flush(), wait);
      } else if (this.pending.length >= MAX_BATCH) this.flush();
    });
  }

  private lastFlush = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    clearTimeout(this.timer);
    this.lastFlush = performance.now();
    try {
      const hashes = batch.map((item) => sha256(item.envelope));
      const payload: BatchPayload = { v: 1, hashes };
      const jws = signCompactEs256(
        { typ: this.typ, kid: this.signer.certificateSerial },
        Buffer.from(JSON.stringify(payload)),
        this.signer.privateKey,
      );
      this.onSigned?.({ jws, certificateSerial: this.signer.certificateSerial, typ: this.typ, hashes });
      for (const [i, item] of batch.entries()) {
        item.resolve({
          token: `${jws}~${Buffer.from(item.envelope).toString('base64url')}`,
          hash: hashes[i]!,
        });
      }
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}

const VERIFIED_CACHE = 4_096;

/** A message's token split into its batch JWS and its envelope, read but not yet trusted. */
export interface OpenedEnvelope {
  jws: string;
  /** The envelope's bytes, as signed. */
  bytes: Buffer;
  /** The envelope parsed: not to be acted on before `verifyOpened` accepts it. */
  unverified: unknown;
}

/** Splits `<batch jws>~<base64url envelope>` and parses the envelope; null when it is not that. */
export function openEnvelope(token: string): OpenedEnvelope | null {
  const separator = token.lastIndexOf('~');
  if (separator < 0) return null;
  try {
    const bytes = Buffer.from(token.slice(separator + 1), 'base64url');
    return { jws: token.slice(0, separator), bytes, unverified: JSON.parse(bytes.toString('utf8')) };
  } catch {
    return null;
  }
}

/** A batch signature as its signer made it. */
export interface SignedBatch {
  jws: string;
  certificateSerial: string;
  typ: string;
  hashes: readonly string[];
}

/** A batch signature found good: whose key made it, its type, and the envelope hashes it lists. */
interface VerifiedBatch {
  certificateSerial: string;
  typ: unknown;
  hashes: ReadonlySet<string>;
}

export class EnvelopeVerifier {
  /** Batch JWS already verified (or made by this process), by its exact text. */
  private readonly verified = new Map<string, VerifiedBatch>();

  /** The envelope, if its batch is signed by one of the keys and lists the envelope's hash; else null. */
  verify<T>(token: string, keys: readonly VerificationKey[], typ: string): T | null {
    return this.verifyWithHash<T>(token, keys, typ)?.envelope ?? null;
  }

  /** As `verify`, with the envelope's hash (SHA-256 of the signed bytes, as the batch lists it). */
  verifyWithHash<T>(
    token: string,
    keys: readonly VerificationKey[],
    typ: string,
  ): { envelope: T; hash: string } | null {
    const opened = openEnvelope(token);
    return opened ? this.verifyOpened<T>(opened, keys, typ) : null;
  }

  /**
   * An opened envelope, if its batch is signed by one of the keys (checked once per batch) with
   * the type given, and lists the envelope's hash; with that hash. Else null.
   */
  verifyOpened<T>(
    opened: OpenedEnvelope,
    keys: readonly VerificationKey[],
    typ: string,
  ): { envelope: T; hash: string } | null {
    const batch = this.verified.get(opened.jws) ?? this.verifyBatch(opened.jws, keys);
    if (!batch || batch.typ !== typ) return null;
    if (!keys.some((key) => key.certificateSerial === batch.certificateSerial)) return null;
    const hash = sha256(opened.bytes);
    return batch.hashes.has(hash) ? { envelope: opened.unverified as T, hash } : null;
  }

  /**
   * Takes a batch signature this very process made with a member's key as verified: a message
   * delivered in process never left it, and checking the signature its own signer just made
   * would prove nothing. The key binding is still checked: the message is accepted only where
   * that certificate's key is one the verifier expects.
   */
  trustOwn(batch: SignedBatch): void {
    const { jws, certificateSerial, typ, hashes } = batch;
    this.remember(jws, { certificateSerial, typ, hashes: new Set(hashes) });
  }

  private remember(jws: string, batch: VerifiedBatch): void {
    if (this.verified.size >= VERIFIED_CACHE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(jws, batch);
  }

  private verifyBatch(jws: string, keys: readonly VerificationKey[]): VerifiedBatch | null {
    const decoded = decodeCompact(jws);
    if (!decoded) return null;
    const key = keys.find((candidate) => candidate.certificateSerial === decoded.header.kid);
    if (!key || !verifyCompactEs256(decoded, key.publicKey)) return null;
    const hashes = hashesOf(decoded.payload);
    if (!hashes) return null;
    const batch = { certificateSerial: key.certificateSerial, typ: decoded.header.typ, hashes };
    this.remember(jws, batch);
    return batch;
  }
}

/** The envelope hashes a batch payload lists, or null when it is not a batch payload. */
function hashesOf(payload: Buffer): ReadonlySet<string> | null {
  try {
    const parsed = JSON.parse(payload.toString('utf8')) as Partial<BatchPayload>;
    if (!Array.isArray(parsed.hashes) || !parsed.hashes.every((hash) => typeof hash === 'string'))
      return null;
    return new Set(parsed.hashes);
  } catch {
    return null;
  }
}
