import net from 'node:net';

/** An HTTP/1.1 answer as it came over the wire. */
export interface RawResponse {
  status: number;
  /** Header names in lower case; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the first byte sent to the connection's end. */
  elapsedMs: number;
}

/** One piece of a request: bytes, sent after waiting `delayMs` (to trickle a request). */
export interface Piece {
  bytes: string | Buffer;
  delayMs?: number;
}

/**
 * Sends bytes exactly as given (however malformed) to a server on loopback and reads the answer
 * until the server closes the connection. Node's clients refuse to send most of what the
 * robustness tests need (a NUL in a header, a broken chunked body, an unknown method), hence
 * this. The request should say `Connection: close` unless the server is expected to close.
 */
export function rawRequest(
  port: number,
  request: string | Buffer | Piece[],
  timeoutMs = 20_000,
): Promise<RawResponse> {
  const pieces: Piece[] = Array.isArray(request) ? request : [{ bytes: request }];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = net.connect(port, '127.0.0.1');
    const timer = setTimeout(() => {
      socket.destroy();
      finish(new Error(`no complete answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const received = Buffer.concat(chunks);
      if (received.length === 0) return reject(error ?? new Error('the server closed without an answer'));
      try {
        resolve({ ...parseResponse(received), elapsedMs: performance.now() - started });
      } catch (parseError) {
        reject(parseError);
      }
    };
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    // A server that answers before the whole request is sent may reset the connection: the
    // answer read so far still counts.
    socket.on('error', (error) => finish(error));
    socket.once('connect', async () => {
      for (const piece of pieces) {
        if (piece.delayMs) await new Promise((wait) => setTimeout(wait, piece.delayMs));
        if (socket.destroyed || settled) return;
        socket.write(piece.bytes);
      }
    });
  });
}

function parseResponse(received: Buffer): Omit<RawResponse, 'elapsedMs'> {
  const headEnd = received.indexOf('\r\n\r\n');
  if (headEnd === -1) throw new Error(`not an HTTP answer: ${received.subarray(0, 200).toString('latin1')}`);
  const [statusLine, ...lines] = received.subarray(0, headEnd).toString('latin1').split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '');
  if (!match) throw new Error(`not an HTTP status line: ${statusLine}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  let body = received.subarray(headEnd + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  else if (headers['content-length'] !== undefined)
    body = body.subarray(0, Number(headers['content-length']));
  return { status: Number(match[1]), headers, body: body.toString('utf8') };
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd === -1) break;
    const size = Number.parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
