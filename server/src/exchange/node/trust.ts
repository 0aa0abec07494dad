import crypto from 'node:crypto';
import type { GlobalConfiguration } from '../global-conf/types.ts';
import { certificateSerial } from '../pki/certificate-fields.ts';
import { verifyCertificate } from '../pki/verify.ts';
import { EnvelopeSigner, EnvelopeVerifier } from '../protocol/batch-signing.ts';
import { ExchangeFault } from '../protocol/errors.ts';
import type { MemberSigner, VerificationKey } from '../protocol/signing.ts';

export interface GlobalConfigurationSource {
  /** The current configuration; throws when there is none or it has expired. */
  requireValid(): GlobalConfiguration;
}

export type Side = 'consumer' | 'provider';

/**
 * What a node trusts, all derived from the signed global configuration: the members'
 * signing keys, the other nodes' TLS certificates, and the revocations.
 */
export class NodeTrust {
  readonly nodeId: string;
  private readonly source: GlobalConfigurationSource;
  private readonly signers: Map<string, MemberSigner>;
  private readonly keyCache = new Map<string, Promise<VerificationKey>>();

  constructor(nodeId: string, source: GlobalConfigurationSource, signers: Map<string, MemberSigner>) {
    this.nodeId = nodeId;
    this.source = source;
    this.signers = signers;
  }

  conf(side: Side): GlobalConfiguration {
    try {
      return this.source.requireValid();
    } catch (error) {
      throw new ExchangeFault(
        side === 'consumer'
          ? 'Server.ClientProxy.OutdatedGlobalConf'
          : 'Server.ServerProxy.OutdatedGlobalConf',
        `The node has no valid global configuration: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Checks signed envelopes; remembers verified batch signatures. */
  readonly verifier = new EnvelopeVerifier();
  private readonly envelopeSigners = new Map<string, EnvelopeSigner>();

  /** Signs envelopes for a hosted member, batching those signed in the same moment. */
  envelopeSigner(memberId: string, typ: string): EnvelopeSigner | undefined {
    const key = `${memberId} ${typ}`;
    let signer = this.envelopeSigners.get(key);
    if (!signer) {
      const member = this.signers.get(memberId);
      if (!member) return undefined;
      // What this node signs, it delivers to itself without checking its own signature again.
      signer = new EnvelopeSigner(member, typ, (batch) => this.verifier.trustOwn(batch));
      this.envelopeSigners.set(key, signer);
    }
    return signer;
  }

  /** The signer of a member this node hosts. */
  signerFor(memberId: string): MemberSigner | undefined {
    return this.signers.get(memberId);
  }

  hostedMembers(): string[] {
    return [...this.signers.keys()];
  }

  /** Verification keys by configuration (a new one, with its revocations, starts afresh), then member. */
  private readonly keysByConf = new PerConfiguration<VerificationKey[]>(10_000);

  /** The keys of a member's registered, unrevoked signing certificates. */
  verificationKeys(conf: GlobalConfiguration, memberId: string): Promise<VerificationKey[]> {
    return this.keysByConf.get(conf, memberId, () => this.loadVerificationKeys(conf, memberId));
  }

  private async loadVerificationKeys(
    conf: GlobalConfiguration,
    memberId: string,
  ): Promise<VerificationKey[]> {
    const member = conf.members.find(
      (candidate) => `${conf.instance}/${candidate.memberClass}/${candidate.memberCode}` === memberId,
    );
    if (!member) return [];
    const revoked = new Set(conf.revokedCertificates);
    const keys: VerificationKey[] = [];
    for (const pem of member.signingCertificates) {
      const serial = certificateSerial(pem);
      if (revoked.has(serial)) continue;
      let key = this.keyCache.get(serial);
      if (!key) {
        key = Promise.resolve({ certificateSerial: serial, publicKey: crypto.createPublicKey(pem) });
        this.keyCache.set(serial, key);
      }
      keys.push(await key);
    }
    return keys;
  }

  /**
   * Admits a peer node only with a TLS certificate the registry lists for a node, issued by a
   * trusted authority and not revoked.
   */
  async peerNode(conf: GlobalConfiguration, peerCertificatePem: string | null): Promise<string> {
    if (!peerCertificatePem) return this.checkPeer(conf, peerCertificatePem);
    // Checked once per configuration: a new configuration (revocations) means a new check.
    return this.peerChecks.get(conf, peerCertificatePem, () => this.checkPeer(conf, peerCertificatePem));
  }

  private readonly peerChecks = new PerConfiguration<string>(1_000);

  private async checkPeer(conf: GlobalConfiguration, peerCertificatePem: string | null): Promise<string> {
    if (!peerCertificatePem) {
      throw new ExchangeFault(
        'Server.ServerProxy.SslAuthenticationFailed',
        'The peer presented no client certificate.',
      );
    }
    const serial = certificateSerial(peerCertificatePem);
    const node = conf.nodes.find((candidate) => certificateSerial(candidate.tlsCertificate) === serial);
    if (!node) {
      throw new ExchangeFault(
        'Server.ServerProxy.SslAuthenticationFailed',
        'The peer certificate is not registered for any node.',
      );
    }
    for (const caPem of conf.certificateAuthorities) {
      const check = await verifyCertificate(peerCertificatePem, {
        caPem,
        revokedSerials: conf.revokedCertificates,
        purpose: 'tls',
      });
      if (check.ok) return node.id;
      if (check.reason === 'revoked') {
        throw new ExchangeFault(
          'Server.ServerProxy.SslAuthenticationFailed',
          'The peer certificate has been revoked.',
        );
      }
    }
    throw new ExchangeFault(
      'Server.ServerProxy.SslAuthenticationFailed',
      'The peer certificate is not valid.',
    );
  }
}

/**
 * Answers worked out from one global configuration, remembered until a new configuration
 * replaces it (it is immutable; a new one, with its revocations, starts afresh). At most `limit`
 * keys are remembered per configuration; beyond them an answer is worked out every time.
 */
class PerConfiguration<T> {
  private readonly byConf = new WeakMap<GlobalConfiguration, Map<string, Promise<T>>>();
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  get(conf: GlobalConfiguration, key: string, work: () => Promise<T>): Promise<T> {
    let answers = this.byConf.get(conf);
    if (!answers) {
      answers = new Map();
      this.byConf.set(conf, answers);
    }
    let answer = answers.get(key);
    if (!answer) {
      answer = work();
      if (answers.size < this.limit) answers.set(key, answer);
    }
    return answer;
  }
}
