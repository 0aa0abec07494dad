// The baseline of `npm run bench -- exchange`: the vehicle register's VIN lookup over plain HTTP,
// with the very handler the exchange calls, and no exchange in between. Run as its own process:
//   DATABASE_URL=postgres://… node bench/exchange-direct.ts <port>
import Fastify from 'fastify';
import { connectDatabase } from '../server/src/db/connect.ts';
import { matchEndpoint } from '../server/src/exchange/service-definition.ts';
import { registerServices } from '../server/src/registers/services.ts';

const port = Number(process.argv[2]);
const database = await connectDatabase({ databaseUrl: process.env.DATABASE_URL });
const vehicles = registerServices(database.db).find((service) => service.subsystem === 'vehicle-register');
const app = Fastify({ logger: false });
app.get('/vehicles/:vin', async (request, reply) => {
  const path = `/${(request.params as { vin: string }).vin}`;
  const matched = matchEndpoint(vehicles!, 'GET', path)!;
  const answer = await matched.endpoint.handle(matched.params, {
    method: 'GET',
    path,
    query: new URLSearchParams(),
    body: null,
    dataSubject: null,
    caller: null,
  });
  return reply.code(answer.status).send(answer.body);
});
await app.listen({ host: '127.0.0.1', port });
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => database.close())
      .then(() => process.exit(0)),
);
