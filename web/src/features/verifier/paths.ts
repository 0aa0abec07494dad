/** The verifier screen: police, officials and a shop's till check a citizen's wallet. */
export const VERIFIER_PATH = '/verifier';
