/** The offline QR formats (request from the verifier, response from the holder). */
export { MAX_INFLATED_BYTES, MAX_QR_CHARACTERS } from './envelope.ts';
export { OFFLINE_PAYLOAD_CODES, type OfflinePayloadCode, OfflinePayloadError } from './errors.ts';
export {
  decodeOfflineRequest,
  encodeOfflineRequest,
  OFFLINE_REQUEST_PREFIX,
  type OfflineRequest,
  type OfflineRequestClaims,
  type OfflineTrust,
  offlineRequestText,
  signOfflineRequest,
  verifyOfflineRequest,
} from './request.ts';
export {
  decodeOfflineResponse,
  decodeOfflineResponseFor,
  encodeOfflineResponse,
  OFFLINE_RESPONSE_PREFIX,
  OFFLINE_RESPONSE_URI,
  type OfflineResponse,
} from './response.ts';
