import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import { codedError, ERROR_MESSAGES, type CodedError } from '../../src/schema/index.js';

/**
 * Turns every failure into a CodedError body with a stable code: what Fastify
 * refuses while reading a request, schema violations, and unexpected errors.
 */
interface ValidationIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** JSON pointer of the offending field, naming the missing or unknown property. */
export function fieldOfIssue(issue: ValidationIssue): string {
  const property = issue.params.missingProperty ?? issue.params.additionalProperty;
  return typeof property === 'string' ? `${issue.instancePath}/${property}` : issue.instancePath;
}

const FASTIFY_REFUSALS: Record<string, { status: number; error: CodedError }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, error: codedError('BODY_MALFORMED') },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, error: codedError('BODY_MALFORMED') },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, error: codedError('BODY_MALFORMED') },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, error: codedError('BODY_TOO_LARGE') },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, error: codedError('CONTENT_TYPE_UNSUPPORTED') },
};

function refusalOf(error: FastifyError): { status: number; error: CodedError } | undefined {
  if (error.validation) {
    const issue = error.validation[0] as ValidationIssue | undefined;
    return { status: 422, error: codedError('SCHEMA_INVALID', issue && fieldOfIssue(issue)) };
  }
  const known = FASTIFY_REFUSALS[error.code];
  if (known) return known;
  if (error instanceof SyntaxError) return { status: 400, error: codedError('BODY_MALFORMED') };
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, error: codedError('REQUEST_INVALID') };
  return undefined;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const refusal = refusalOf(error);
    if (refusal) {
      request.log.info({ code: refusal.error.code, reason: error.message }, 'request refused');
      return reply.code(refusal.status).send(refusal.error);
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send(codedError('SERVER_ERROR'));
  });
}

/**
 * What Fastify refuses before any route or hook runs: an address it cannot
 * decode (`/%E0%A4%A`) or a parameter over its length limit. Left to Fastify
 * these answer in its own shape, without a stable code.
 */
function codedFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 400;
  request.log.info({ code: error.code }, 'request refused before routing');
  return reply.code(status).send(codedError('REQUEST_INVALID'));
}

/**
 * A request Node cannot parse (broken request line, headers over 16 KB,
 * conflicting lengths) never reaches Fastify: answer it on the socket, coded
 * like every other refusal, then hang up, as Fastify's own handler does.
 */
function codedClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 431
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 408
        : 400;
  const body = JSON.stringify(codedError('REQUEST_INVALID'));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** Fastify options, given when the server is made, that keep its early refusals coded. */
export const CODED_FRAMEWORK_REFUSALS = {
  frameworkErrors: codedFrameworkError,
  clientErrorHandler: codedClientError,
} satisfies Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'>;

/** The OpenAPI shape of every error body. */
export const codedErrorSchema = {
  type: 'object',
  properties: {
    code: { type: 'string', enum: Object.keys(ERROR_MESSAGES) },
    message: {
      type: 'object',
      properties: { en: { type: 'string' }, 'zh-CN': { type: 'string' } },
      required: ['en', 'zh-CN'],
    },
    field: { type: 'string' },
  },
  required: ['code', 'message'],
} as const;
