import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '../../identity/index.ts';
import { AppError } from '../../kernel/index.ts';
import type { BackOffice, Official } from './backoffice.ts';
import { APPLICATION_STATUSES } from './tables.ts';

/** Who may act for an administration: their staff roles, each with the administration's exchange client. */
export type StaffOf = (subject: string) => Promise<ReadonlyArray<{ role: string; client: string }>>;

const Id = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) });
const Note = Type.String({
  minLength: 3,
  maxLength: 2000,
  pattern: '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]+$',
});
const official = { access: { roles: ['official'] } } as const;
const tags = ['back office'];
const security = [{ eid: [] }];

/** The back office's routes: the official's own administration's queue, one application with its evidence, and the actions on it. */
export function backOfficeRoutes(app: FastifyInstance, backOffice: BackOffice, staffOf: StaffOf): void {
  async function officialOf(request: FastifyRequest): Promise<Official> {
    const subject = principalOf(request).subject;
    const role = (await staffOf(subject)).find((candidate) => candidate.role === 'official');
    if (!role) throw new AppError('role-forbidden', 'You act for no administration.');
    return { subject, client: role.client };
  }
  const id = (request: FastifyRequest) => (request.params as { id: string }).id;

  app.get(
    '/api/backoffice/applications',
    {
      config: official,
      schema: {
        tags,
        security,
        summary: "The queue of the official's administration (filters: service, status, overdue)",
        querystring: Type.Object(
          {
            service: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 })),
            status: Type.Optional(Type.Union(APPLICATION_STATUSES.map((s) => Type.Literal(s)))),
            overdue: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({
      applications: await backOffice.queue(await officialOf(request), request.query as object),
    }),
  );

  app.get(
    '/api/backoffice/applications/:id',
    {
      config: official,
      schema: { tags, security, summary: 'An application with the register evidence', params: Id },
    },
    async (request) => backOffice.open(await officialOf(request), id(request)),
  );

  app.post(
    '/api/backoffice/applications/:id/request-information',
    {
      config: official,
      schema: {
        tags,
        security,
        summary: 'Ask the applicant for more information',
        params: Id,
        body: Type.Object({ note: Note }, { additionalProperties: false }),
      },
    },
    async (request) =>
      backOffice.requestInformation(
        await officialOf(request),
        id(request),
        (request.body as { note: string }).note,
      ),
  );

  app.post(
    '/api/backoffice/applications/:id/decision',
    {
      config: official,
      schema: {
        tags,
        security,
        summary: 'Approve or refuse, with a reason (four eyes where the service says so)',
        params: Id,
        body: Type.Object(
          { decision: Type.Union([Type.Literal('approve'), Type.Literal('refuse')]), reason: Note },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const body = request.body as { decision: 'approve' | 'refuse'; reason: string };
      return backOffice.decide(await officialOf(request), id(request), body.decision, body.reason);
    },
  );
}
