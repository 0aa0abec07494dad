/** The official's wallet desk: a document handed over to the citizen's wallet by QR. */
export const WALLET_DESK_PATH = '/workspace/wallet-desk';
