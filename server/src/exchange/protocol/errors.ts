/**
 * Exchange faults in X-Road's form: the `X-Road-Error` header and a `{type, message, detail}`
 * body. `Client.*` is the caller's fault, `Server.ClientProxy.*` the consumer's node, and
 * `Server.ServerProxy.*` the provider's node. A provider's own answers pass through unchanged.
 */
export const exchangeFaults = {
  'Client.BadRequest': 400,
  'Client.InvalidClientId': 400,
  'Client.MissingPurpose': 400,
  'Client.MissingLegalBasis': 400,
  'Client.MissingDataSubject': 400,
  'Client.PayloadTooLarge': 413,
  'Client.InvalidRepresentedParty': 400,
  'Server.ClientProxy.ClientNotHosted': 403,
  'Server.ClientProxy.InformationSystemNotAllowed': 403,
  'Server.ClientProxy.UnknownMember': 404,
  'Server.ClientProxy.UnknownService': 404,
  'Server.ClientProxy.OutdatedGlobalConf': 503,
  'Server.ClientProxy.NetworkError': 502,
  'Server.ClientProxy.Timeout': 504,
  'Server.ClientProxy.SslAuthenticationFailed': 502,
  'Server.ClientProxy.InvalidSignature': 502,
  'Server.ClientProxy.RequestHashMismatch': 502,
  'Server.ClientProxy.InternalError': 500,
  'Server.ServerProxy.SslAuthenticationFailed': 403,
  'Server.ServerProxy.InvalidSignature': 403,
  'Server.ServerProxy.DuplicateMessageId': 409,
  'Server.ServerProxy.StaleMessage': 400,
  'Server.ServerProxy.AccessDenied': 403,
  'Server.ServerProxy.PurposeNotAllowed': 403,
  'Server.ServerProxy.LegalBasisNotAllowed': 403,
  'Server.ServerProxy.RepresentedPartyUnknown': 403,
  'Server.ServerProxy.RepresentedPartyNotAllowed': 403,
  'Server.ServerProxy.RepresentationCheckFailed': 503,
  'Server.ServerProxy.UnknownService': 404,
  'Server.ServerProxy.OutdatedGlobalConf': 503,
  'Server.ServerProxy.ServiceTimeout': 504,
  'Server.ServerProxy.ServiceFailed': 502,
  'Server.ServerProxy.InvalidServiceResponse': 502,
  'Server.ServerProxy.InternalError': 500,
} as const;

export type ExchangeFaultType = keyof typeof exchangeFaults;

export class ExchangeFault extends Error {
  readonly type: ExchangeFaultType;
  readonly status: number;

  constructor(type: ExchangeFaultType, message: string) {
    super(message);
    this.name = 'ExchangeFault';
    this.type = type;
    this.status = exchangeFaults[type];
  }
}

export interface ExchangeFaultBody {
  type: ExchangeFaultType;
  message: string;
  /** The message id, to quote when asking either node's operator. */
  detail: string;
}

export function isExchangeFaultType(value: unknown): value is ExchangeFaultType {
  return typeof value === 'string' && value in exchangeFaults;
}
