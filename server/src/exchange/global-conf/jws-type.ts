/**
 * The JWS `typ` of a global configuration. Checking it on receipt stops another document the
 * registry signs with the same key from being passed off as a configuration.
 */
export const globalConfigurationJwsType = 'civitas-global-conf+jws';
