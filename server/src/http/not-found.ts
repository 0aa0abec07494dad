import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from './problem.ts';
import { routeMethodsOf } from './route-methods.ts';

/**
 * No route for this method and path: `method-not-allowed` (405) with `Allow` when the path
 * takes other methods, else `route-not-found` (404). Neither repeats the path.
 */
export function sendRouteNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const methods = routeMethodsOf(request.server)?.allowed(request.url) ?? [];
  if (methods.length > 0) {
    reply.header('allow', methods.join(', '));
    return sendProblem(reply, 'method-not-allowed', `This resource takes ${methods.join(', ')}.`);
  }
  return sendProblem(reply, 'route-not-found', 'There is no resource at this path.');
}
