/** The Wallet tab: the citizen's documents on this device (no eID session needed to open it). */
export const WALLET_PATH = '/wallet';
/** Same-device credential offers: `/wallet/offer?credential_offer=…` (or `credential_offer_uri=…`). */
export const WALLET_OFFER_PATH = '/wallet/offer';
/** Same-device presentation requests: `/wallet/present?client_id=…&request_uri=…` (as `openid4vp://`). */
export const WALLET_PRESENT_PATH = '/wallet/present';
/** Back from the eID with an authorization code for the credential issuer (the code flow). */
export const WALLET_CALLBACK_PATH = '/wallet/callback';
