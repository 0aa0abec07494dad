import { redactPersonalNumbers } from '@civitas/contracts/ids/personal-number.ts';
import pino, { type LoggerOptions } from 'pino';

/**
 * Personal numbers never reach the logs, whichever country's scheme the instance uses: every
 * string a log line carries (message, fields, the request's URL, an error's message and stack)
 * has its 10- and 11-digit runs (EGN, PESEL) masked. Numbers (timings, sizes) are left as they
 * are, so a line stays valid JSON.
 */
function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactPersonalNumbers(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  // Errors and framework objects (requests, replies) go through their serializers below.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = redactValue(item, depth + 1);
  return copy;
}

type RequestLike = { method?: string; url?: string; socket?: { remoteAddress?: string } };

/** The platform's logger options: credentials removed, personal numbers masked. */
export function platformLoggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    serializers: {
      // Personal numbers in paths (e.g. /api/persons/…) and queries never reach the logs.
      req: (request: RequestLike) => ({
        method: request.method,
        url: redactPersonalNumbers(String(request.url)),
        remoteAddress: request.socket?.remoteAddress,
      }),
      err: (error: Error) => redactValue({ ...pino.stdSerializers.err(error) }) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((arg) => redactValue(arg)) as Parameters<typeof method>);
      },
    },
  };
}
