// The peer of `npm run bench -- exchange-transport`: a mutual-TLS listener that answers every
// message the way a provider node does (a signature header and a register-sized JSON body), with
// no exchange work behind it. Run as its own process:
//   BENCH_TLS=<JSON credentials> node bench/exchange-transport-server.ts <port>
import https from 'node:https';
import { mutualTlsServerOptions } from '../server/src/exchange/pki/tls.ts';

const port = Number(process.argv[2]);
const credentials = JSON.parse(process.env.BENCH_TLS ?? '{}');
const signature = 'e'.repeat(960);
const body = Buffer.from(JSON.stringify({ vin: 'WVWZZZ1JZXW000001', history: 'x'.repeat(840) }));
const server = https.createServer(mutualTlsServerOptions(credentials), (request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'x-civitas-response': signature,
      'content-length': body.length,
    });
    response.end(body);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => process.send?.('listening'));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
