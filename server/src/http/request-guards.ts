import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../kernel/index.ts';
import { type ControlCharacterFinding, findControlCharacter } from './control-characters.ts';
import { sendProblem } from './problem.ts';
import { recordRouteMethods } from './route-methods.ts';

type Location = 'querystring' | 'params' | 'headers' | 'body';

/** Where in the request a control character is, or null when there is none. */
export function controlCharacterInRequest(
  request: Pick<FastifyRequest, 'query' | 'params' | 'headers' | 'body'>,
): (ControlCharacterFinding & { location: Location }) | null {
  const parts: Array<[Location, unknown, 'line' | 'header' | 'multiline']> = [
    ['querystring', request.query, 'line'],
    ['params', request.params, 'line'],
    ['headers', request.headers, 'header'],
    // A body that is not parsed JSON or a form (a Buffer for the exchange) is opaque content.
    ['body', request.body, 'multiline'],
  ];
  for (const [location, value, kind] of parts) {
    const found = findControlCharacter(value, kind);
    if (found) return { ...found, location };
  }
  return null;
}

/**
 * The checks every request passes, whichever route it is for. Call on the root instance before
 * any route or plugin is registered:
 * - the route table that answers a wrong method with 405 and `Allow` (`sendRouteNotFound`);
 * - while the server shuts down, requests still arriving on open connections are answered
 *   `not-ready` (503, problem+json, `Connection: close`) instead of being started (Fastify's own
 *   `return503OnClosing` answers plain JSON, so it is off: `httpServerOptions`);
 * - one check for every route, including those added later: a query, path parameter, header or
 *   JSON body string with a control character is refused with `control-character` (400) before
 *   the route's schema, its handler or the database ever see it. It runs once the body is
 *   parsed (preValidation); scopes with their own error handler (the exchange's `/r1/…`) render
 *   the refusal their way.
 */
export function installRequestGuards(app: FastifyInstance): void {
  recordRouteMethods(app);
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onRequest', (_request, reply, done) => {
    if (!closing) return done();
    reply.header('connection', 'close');
    sendProblem(reply, 'not-ready', 'The server is shutting down; send the request again.');
  });
  app.addHook('preValidation', (request, _reply, done) => {
    const found = controlCharacterInRequest(request);
    if (!found) return done();
    const where = `${found.location}${found.path === '/' ? '' : found.path}`;
    done(
      new AppError('control-character', `${where} holds the control character ${found.character}.`, {
        errors: [
          {
            location: found.location,
            path: found.path,
            message: `holds the control character ${found.character}`,
          },
        ],
      }),
    );
  });
}
