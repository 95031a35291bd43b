import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/**
 * What the server's log may say about a request. Its address keeps only the
 * query values routes use and that are harmless (protocol, checkpoint, limit,
 * after); every other value (a stream ticket, a token a client wrongly put
 * there, anything unknown) is replaced. pino's redact covers fields named
 * like secrets, should a log call ever be handed a body or headers.
 */
type LoggerOption = FastifyServerOptions['logger'];

const LOGGED_QUERY_PARAMETERS: ReadonlySet<string> = new Set([
  'protocol',
  'checkpoint',
  'limit',
  'after',
]);
const HARMLESS_VALUE = /^[0-9A-Za-z._-]{0,32}$/;
const PLAIN_NAME = /^[a-z][a-z_]{0,19}$/;
export const REDACTED = '[redacted]';

const SECRET_FIELDS = [
  'password',
  'pin',
  'accessToken',
  'refreshToken',
  'deviceToken',
  'ticket',
  'access_token',
  'authorization',
];
const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  'req.headers.authorization',
  'req.headers.cookie',
];

function redactedPair(pair: string): string {
  const equals = pair.indexOf('=');
  const name = equals < 0 ? pair : pair.slice(0, equals);
  const value = equals < 0 ? '' : pair.slice(equals + 1);
  if (LOGGED_QUERY_PARAMETERS.has(name) && HARMLESS_VALUE.test(value)) return pair;
  // A name can be a secret too (`?<token>`): only a plain word is kept.
  return `${PLAIN_NAME.test(name) ? name : REDACTED}=${REDACTED}`;
}

/** `url` with every query value that is not known to be harmless replaced by [redacted]. */
export function redactedUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const query = url.slice(mark + 1);
  return `${url.slice(0, mark)}?${query.split('&').map(redactedPair).join('&')}`;
}

/** Fastify's own request serializer, with the address redacted. */
function requestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactedUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** The logger option given to Fastify, with the redacting serializer and paths added. */
export function withLogRedaction(logger: LoggerOption): LoggerOption {
  if (logger === false || logger === undefined) return false;
  const options = logger === true ? {} : logger;
  return {
    ...options,
    serializers: { ...options.serializers, req: requestForLog },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
  };
}
