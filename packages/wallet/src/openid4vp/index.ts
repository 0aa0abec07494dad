/** OpenID4VP 1.0 as Civitas speaks it: the signed request object and the encrypted response. */
export {
  type EncryptionJwk,
  openid4vpLink,
  REGISTRATION_FORMAT,
  REQUEST_OBJECT_TYP,
  type RequestObjectClaims,
  RequestObjectError,
  type RequestObjectFailure,
  registrationOf,
  requestObjectClaims,
  signRequestObject,
  type VerifierRegistration,
  verifyRequestObject,
  withinRegistration,
} from './request.ts';
export {
  type AuthorizationResponse,
  decryptAuthorizationResponse,
  encryptAuthorizationResponse,
  encryptionKeyThumbprint,
  ResponseDecryptionError,
  type VpToken,
} from './response.ts';
