import type { FastifyError, FastifyInstance } from 'fastify';
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
