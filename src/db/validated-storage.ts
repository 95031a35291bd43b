/**
 * Every record write is checked against its collection's schema before it is
 * stored, by validators compiled at build time (scripts/build-validators.ts):
 * nothing compiles code while the app runs, so the Content-Security-Policy
 * needs no 'unsafe-eval'. RxDB's own stores (its internal documents, local
 * documents, a collection's older version while it migrates) are not ours to
 * check and pass unchecked, as they did under RxDB's Ajv plugin.
 */
import { wrappedValidateStorageFactory, type RxJsonSchema } from 'rxdb';
import * as generated from './validators.generated.js';

const BY_SCHEMA = new Map<string, generated.Validate>(
  Object.entries(generated.SCHEMAS).flatMap(([name, json]) => {
    const validate = (generated as unknown as Record<string, generated.Validate>)[name];
    return validate ? [[json, validate] as const] : [];
  }),
);

/** The precompiled validator of exactly this schema, or undefined. */
export function precompiledValidator(schema: object): generated.Validate | undefined {
  return BY_SCHEMA.get(JSON.stringify(schema));
}

function getValidator(schema: RxJsonSchema<unknown>) {
  const validate = precompiledValidator(schema);
  if (!validate) return () => [];
  return (document: unknown) => (validate(document) ? [] : (validate.errors ?? []));
}

export const wrappedPrecompiledValidation = wrappedValidateStorageFactory(
  getValidator as never,
  'ajv-precompiled',
);
