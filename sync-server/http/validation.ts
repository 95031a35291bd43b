import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/**
 * How route schemas validate requests. Bodies are checked as sent: nothing
 * coerced, nothing removed, first error reported. Query strings arrive as
 * text, so only they coerce (`?limit=25` becomes 25).
 */
const SHARED_OPTIONS: Options = { removeAdditional: false, allErrors: false };

function createAjv(forText: boolean): Ajv {
  const ajv = new Ajv({ ...SHARED_OPTIONS, coerceTypes: forText, useDefaults: forText });
  addFormats.default(ajv);
  return ajv;
}

export function configureValidation(app: FastifyInstance): void {
  const bodyAjv = createAjv(false);
  const textAjv = createAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodyAjv : textAjv).compile(schema),
  );
}
