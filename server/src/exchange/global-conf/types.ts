/**
 * The global configuration the central registry publishes: who the members are, which nodes host
 * them, which services exist, and which certificates to trust or no longer trust.
 */
export interface GlobalConfiguration {
  /** The exchange instance, e.g. 'BG'. */
  instance: string;
  /** Increases with every publication; a node never goes back to a lower one. */
  serial: number;
  /** ISO 8601. */
  generatedAt: string;
  /** ISO 8601; nodes refuse to exchange after this. */
  expiresAt: string;
  /** PEM trust anchors for TLS and signing certificates. */
  certificateAuthorities: string[];
  members: GlobalConfigurationMember[];
  nodes: GlobalConfigurationNode[];
  services: GlobalConfigurationService[];
  globalGroups: GlobalGroup[];
  /** Lower-case hex serials. */
  revokedCertificates: string[];
}

export interface GlobalConfigurationMember {
  memberClass: string;
  memberCode: string;
  name: string;
  subsystems: Array<{ code: string; name: string }>;
  /** PEM. */
  signingCertificates: string[];
}

export interface GlobalConfigurationNode {
  id: string;
  /** https://host:port */
  address: string;
  /** PEM. */
  tlsCertificate: string;
  /** Member ids hosted, e.g. 'BG/GOV/000695235'. */
  members: string[];
}

export interface GlobalConfigurationService {
  /** e.g. 'BG/GOV/000695235/vehicle-register/vehicles' */
  id: string;
  name: string;
  description?: string;
}

export interface GlobalGroup {
  code: string;
  description: string;
  /** Subsystem ids. */
  members: string[];
}
