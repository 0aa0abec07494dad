// The HTTP layer's public API: the access hook, the one problem renderer, and the server's plumbing.

export { CaseHeader, caseReferenceOf } from './case-reference.ts';
export { controlCharacterIndex } from './control-characters.ts';
export type { ErrorFormat } from './error-formats.ts';
export { useErrorFormatUnder } from './error-formats.ts';
export { httpErrors } from './errors.ts';
export type { BackgroundWork, HealthOptions } from './health.ts';
export { healthPlugin } from './health.ts';
export { metricsPlugin } from './metrics.ts';
export { sendRouteNotFound } from './not-found.ts';
export { registerOpenApi } from './openapi.ts';
export { installErrorHandling, isBrowserNavigation, renderProblem, sendProblem } from './problem.ts';
export { installRequestGuards } from './request-guards.ts';
export type { Authenticate, PersonalDataUse, RouteAccess, RouteRole } from './route-access.ts';
export { personalDataUseOf, routeAccessPlugin } from './route-access.ts';
export { installSecurityHeaders } from './security-headers.ts';
export type { ConnectionLimits } from './server-options.ts';
export { DEFAULT_CONNECTION_LIMITS, httpServerOptions } from './server-options.ts';
export { webAppPlugin } from './web-app.ts';
