/**
 * Where each record type lives on the tablet. RxDB's open-source version
 * allows 13 collections in a page, and the roadmap brings many more record
 * types than that, so records share collections by lifecycle: the repair
 * order keeps its own (its search indexes: plate, VIN, phone, number), the
 * editable process records of an order share one, and the append-only
 * signed records another. A stored record carries its type (`recordType`)
 * and a key unique across the types (`recordKey`, "type|id"); both stay on
 * the tablet (a RecordSet adds and strips them), and each type keeps its own
 * schema, checked on every write (validated-storage.ts).
 *
 * Features and the sync engine reach records through a RecordSet (record-
 * sets.ts), never through the shared collection itself.
 */
import type { RxJsonSchema } from 'rxdb';
import {
  SYNCED_COLLECTIONS,
  orderIdField,
  recordFields,
  type CollectionName,
} from '../schema/index.js';

/** The collections records share, each with the record types it holds. */
export const SHARED_COLLECTIONS = {
  /** Editable records of an order, merged three-way on conflict. */
  order_records: ['check_in_sheets', 'damage_marks', 'jobs', 'added_work'],
  /** Written once and never changed: photos, signatures and the signed checks. */
  signed_records: ['photos', 'signatures', 'approvals', 'sign_offs', 'rework_records'],
} as const satisfies Record<string, readonly CollectionName[]>;

export type SharedCollectionName = keyof typeof SHARED_COLLECTIONS;
export type SharedRecordType = (typeof SHARED_COLLECTIONS)[SharedCollectionName][number];

/** Every collection the app opens: the repair orders' and the shared ones. */
export const STORED_COLLECTION_NAMES = [
  'repair_orders',
  ...(Object.keys(SHARED_COLLECTIONS) as SharedCollectionName[]),
] as const;

const KEY_SEPARATOR = '|';
const TYPE_MAX_LENGTH = 32;

export function sharedCollectionOf(type: CollectionName): SharedCollectionName | undefined {
  for (const [name, types] of Object.entries(SHARED_COLLECTIONS))
    if ((types as readonly string[]).includes(type)) return name as SharedCollectionName;
  return undefined;
}

/** A record's key in its shared collection. */
export function recordKey(type: CollectionName, id: string): string {
  return `${type}${KEY_SEPARATOR}${id}`;
}

/**
 * The RxDB schema of a shared collection. RxDB needs every top-level field a
 * query names and every indexed field; each type's own schema checks the rest.
 * Only fields every type has are indexed (IndexedDB leaves a document out of
 * an index missing one of its fields, and a query planned on it would miss it).
 */
export function sharedCollectionSchema(name: SharedCollectionName): RxJsonSchema<unknown> {
  const types = SHARED_COLLECTIONS[name];
  const properties: Record<string, unknown> = {};
  for (const type of types)
    for (const [field, schema] of Object.entries(SYNCED_COLLECTIONS[type].schema.properties))
      properties[field] ??= schema;
  const idMaxLength = recordFields.id.maxLength;
  return {
    title: `${name} (${types.join(', ')})`,
    version: 0,
    primaryKey: { key: 'recordKey', fields: ['recordType', 'id'], separator: KEY_SEPARATOR },
    type: 'object',
    properties: {
      ...properties,
      recordKey: { type: 'string', maxLength: TYPE_MAX_LENGTH + 1 + idMaxLength },
      recordType: { type: 'string', enum: [...types], maxLength: TYPE_MAX_LENGTH },
      id: recordFields.id,
      orderId: orderIdField,
      updatedAt: recordFields.updatedAt,
    },
    required: ['recordKey', 'recordType', 'id', 'orderId', 'updatedAt'],
    indexes: [
      ['recordType', 'orderId'],
      ['recordType', 'updatedAt'],
    ],
  } as unknown as RxJsonSchema<unknown>;
}
