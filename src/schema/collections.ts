import { repairOrderSchemaLiteral } from './repair-order.js';
import { toWireSchema } from './wire-schema.js';

/**
 * Every synced collection, by its name on the wire and in the tablet's
 * database. The app creates its collections from this list and the server
 * serves exactly these; RxDB's free tier allows at most 13 collections.
 */
export const SYNCED_COLLECTIONS = {
  repair_orders: {
    schema: repairOrderSchemaLiteral,
    /** How a conflict on this record type is settled: see merge.ts. */
    conflictPolicy: 'three-way-merge',
  },
} as const;

export type CollectionName = keyof typeof SYNCED_COLLECTIONS;

export const COLLECTION_NAMES = Object.keys(SYNCED_COLLECTIONS) as CollectionName[];

export function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(SYNCED_COLLECTIONS, name);
}

export function wireSchemaOf(name: CollectionName): Record<string, unknown> {
  return toWireSchema(SYNCED_COLLECTIONS[name].schema);
}
