import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { LegalBasisCode, PurposeCode } from '../kernel/index.ts';
import { AppError, isLegalBasis, isPurpose } from '../kernel/index.ts';

/**
 * The role names a route may ask for. Empty here (http sits below identity and knows no roles);
 * identity adds `role: Role` by module augmentation, so a misspelt role fails to compile.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by identity's module augmentation
export interface RouteRoles {}
export type RouteRole = RouteRoles extends { role: infer R extends string } ? R : string;

/**
 * Who may call a route: anyone (`'public'`), any signed-in caller (`'signed-in'`), or a
 * signed-in caller holding one of `roles`.
 */
export type RouteAccess = 'public' | 'signed-in' | { readonly roles: readonly [RouteRole, ...RouteRole[]] };

/** Why a route touches personal data, and on which legal basis (carried into the exchange call). */
export interface PersonalDataUse {
  readonly purpose: PurposeCode;
  readonly legalBasis: LegalBasisCode;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Mandatory on every route under `/api` (refused at boot otherwise). */
    access?: RouteAccess;
    personalData?: PersonalDataUse;
  }
  interface FastifyInstance {
    /** Proves who calls (the identity context's token check), decorated once by `route-access`. */
    authenticate: Authenticate;
  }
}

/**
 * Proves the caller's identity from the request and returns the roles they hold. It answers a
 * failure by throwing an `AppError` (and may set headers on the reply first, e.g. a 401's
 * `WWW-Authenticate` challenge); it records the caller on the request for the handler.
 */
export type Authenticate = (
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<{ roles: readonly string[] }>;

export interface RouteAccessOptions {
  authenticate: Authenticate;
  /** Routes under these prefixes must declare `config.access`. */
  declaredUnder?: readonly string[];
}

/** A route under a guarded prefix that says nothing about who may call it: a boot-time error. */
export function undeclaredRouteError(method: string | readonly string[], url: string): Error {
  const methods = Array.isArray(method) ? method.join(',') : method;
  return new Error(
    `route ${methods} ${url} declares no config.access: say who may call it ('public' or { roles })`,
  );
}

function isUnder(url: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => url === prefix || url.startsWith(`${prefix}/`));
}

/** The pre-handler enforcing one route's declared roles. */
export function accessCheck(roles: readonly string[]) {
  return async function checkAccess(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
    const caller = await request.server.authenticate(request, reply);
    if (roles.length > 0 && !roles.some((role) => caller.roles.includes(role)))
      throw new AppError('role-forbidden', `This action needs one of the roles: ${roles.join(', ')}.`);
  };
}

/**
 * A route that reads personal data must name a purpose and a legal basis from the catalogue
 * (`kernel/purposes.ts`) and must know who is asking: a boot-time error otherwise.
 */
export function personalDataDeclarationError(route: RouteOptions): Error | null {
  const use = route.config?.personalData;
  if (use === undefined) return null;
  const where = `route ${[route.method].flat().join(',')} ${route.url}`;
  if (!isPurpose(use.purpose) || !isLegalBasis(use.legalBasis))
    return new Error(`${where} declares personal data for an unknown purpose or legal basis code`);
  if (route.config?.access === undefined || route.config.access === 'public')
    return new Error(`${where} reads personal data but lets anyone call it: declare who may`);
  return null;
}

function guardRoute(route: RouteOptions, declaredUnder: readonly string[]): void {
  const problem = personalDataDeclarationError(route);
  if (problem) throw problem;
  const access = route.config?.access;
  if (access === undefined) {
    if (isUnder(route.url, declaredUnder)) throw undeclaredRouteError(route.method, route.url);
    return;
  }
  if (access === 'public') return;
  const existing = route.preHandler ? [route.preHandler].flat() : [];
  // First: nothing of the route runs for a caller who may not call it.
  route.preHandler = [accessCheck(access === 'signed-in' ? [] : access.roles), ...existing];
}

/**
 * One hook for every route's access: a route declares `config.access` (and, when it reads
 * personal data, `config.personalData`); this enforces authentication and roles before its
 * handler runs, and refuses to boot with a route under `/api` that declares nothing.
 * Register it before any route (an `onRoute` hook sees only routes added after it).
 */
async function routeAccess(app: FastifyInstance, options: RouteAccessOptions): Promise<void> {
  const declaredUnder = options.declaredUnder ?? ['/api'];
  app.decorate('authenticate', options.authenticate);
  app.addHook('onRoute', (route) => guardRoute(route, declaredUnder));
}

export const routeAccessPlugin = fp(routeAccess, { name: 'route-access', fastify: '5.x' });

/** The purpose and legal basis the route serving this request declared for its personal data. */
export function personalDataUseOf(request: FastifyRequest): PersonalDataUse {
  const use = request.routeOptions.config.personalData;
  if (!use) throw new Error(`route ${request.routeOptions.url} declares no config.personalData`);
  return use;
}
