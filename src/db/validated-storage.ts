/**
 * Every record write is checked against its type's schema before it is
 * stored, by validators compiled at build time (scripts/build-validators.ts):
 * nothing compiles code while the app runs, so the Content-Security-Policy
 * needs no 'unsafe-eval'. In a shared collection (record-layout.ts) each
 * record is checked by the validator of its `recordType`. The lane storage
 * runs the check on every write (lane-storage.ts); RxDB's own stores (its
 * internal documents, local documents, a collection's older version while it
 * migrates) are not ours to check and pass unchecked.
 */
import * as generated from './validators.generated.js';
import { SHARED_COLLECTIONS, type SharedCollectionName } from './record-layout.js';

type Check = (document: unknown) => object[];

function validatorOf(name: string): generated.Validate | undefined {
  return (generated as unknown as Record<string, generated.Validate | undefined>)[name];
}

function checkWith(validate: generated.Validate): Check {
  return (document) => (validate(document) ? [] : (validate.errors ?? []));
}

/** A shared collection's check: the record's own type decides, its layout fields apart. */
function checkByType(name: SharedCollectionName): Check {
  const byType = new Map<string, Check>();
  for (const type of SHARED_COLLECTIONS[name]) {
    const validate = validatorOf(type);
    if (validate) byType.set(type, checkWith(validate));
  }
  return (document) => {
    // RxDB itself refuses a recordKey that is not "recordType|id".
    const { recordType, recordKey: _key, ...record } = document as Record<string, unknown>;
    const check = typeof recordType === 'string' ? byType.get(recordType) : undefined;
    if (!check) return [{ message: `no record type ${String(recordType)} in ${name}` }];
    return check(record);
  };
}

const BY_SCHEMA = new Map<string, Check>([
  ...Object.entries(generated.SCHEMAS).flatMap(([name, json]) => {
    const validate = validatorOf(name);
    return validate ? [[json, checkWith(validate)] as const] : [];
  }),
  ...Object.entries(generated.SHARED_SCHEMAS).map(
    ([name, json]) => [json, checkByType(name as SharedCollectionName)] as const,
  ),
]);

/** The precompiled check of exactly this schema's documents, or undefined. */
export function precompiledValidator(schema: object): Check | undefined {
  return BY_SCHEMA.get(JSON.stringify(schema));
}
