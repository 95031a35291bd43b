import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/**
 * How route schemas validate requests. Bodies are checked as sent: nothing
 * coerced, nothing removed, first error reported. Query strings arrive as
 * text, so only they coerce (`?limit=25` becomes 25).
 */
// strictNumbers: JSON's 1e309 parses to Infinity, which Ajv would otherwise take for an integer.
const SHARED_OPTIONS: Options = { removeAdditional: false, allErrors: false, strictNumbers: true };

function createAjv(forText: boolean): Ajv {
  const ajv = new Ajv({ ...SHARED_OPTIONS, coerceTypes: forText, useDefaults: forText });
  addFormats.default(ajv);
  return ajv;
}

/** A number no database column or JSON answer can hold exactly: Infinity, or past 2^53. */
function isUnrepresentable(value: unknown): boolean {
  if (typeof value !== 'number') return false;
  return !Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value));
}

/**
 * Ajv coerces `?checkpoint=1e309` (or 400 nines) to Infinity and lets it
 * through even with strictNumbers; SQLite then refuses it with a 500. Query,
 * params and headers are flat, so their coerced values are checked one level deep.
 */
function refusingUnrepresentableNumbers(validate: ValidateFunction): ValidateFunction {
  const checked = ((data: unknown) => {
    if (!validate(data)) {
      checked.errors = validate.errors;
      return false;
    }
    const entries = data !== null && typeof data === 'object' ? Object.entries(data) : [];
    const bad = entries.find(([, value]) => isUnrepresentable(value));
    if (bad) {
      const issue: ErrorObject = {
        instancePath: `/${bad[0]}`,
        schemaPath: '#/type',
        keyword: 'type',
        params: { type: 'integer' },
        message: 'must be a finite, safe integer',
      };
      checked.errors = [issue];
      return false;
    }
    checked.errors = null;
    return true;
  }) as ValidateFunction;
  return checked;
}

export function configureValidation(app: FastifyInstance): void {
  const bodyAjv = createAjv(false);
  const textAjv = createAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) =>
    httpPart === 'body'
      ? bodyAjv.compile(schema)
      : refusingUnrepresentableNumbers(textAjv.compile(schema)),
  );
}
