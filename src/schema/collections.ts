import { checkInSheetSchemaLiteral } from './check-in-sheet.js';
import { damageMarkSchemaLiteral } from './damage-mark.js';
import { photoSchemaLiteral } from './photo.js';
import { repairOrderSchemaLiteral } from './repair-order.js';
import { signatureSchemaLiteral } from './signature.js';
import { toWireSchema } from './wire-schema.js';
import { jobSchemaLiteral } from './job.js';
import { addedWorkSchemaLiteral } from './added-work.js';
import { approvalSchemaLiteral } from './approval.js';
import { signOffSchemaLiteral } from './sign-off.js';
import { reworkSchemaLiteral } from './rework.js';

/**
 * Every synced collection, by its name on the wire and in the tablet's
 * database. The app creates its collections from this list and the server
 * serves exactly these. On the tablet several types share a collection
 * (src/db/record-layout.ts): RxDB's free tier allows 13 in a page.
 */
export const SYNCED_COLLECTIONS = {
  /** conflictPolicy: how a conflict on this record type is settled (see merge.ts). */
  repair_orders: { schema: repairOrderSchemaLiteral, conflictPolicy: 'three-way-merge' },
  check_in_sheets: { schema: checkInSheetSchemaLiteral, conflictPolicy: 'three-way-merge' },
  damage_marks: { schema: damageMarkSchemaLiteral, conflictPolicy: 'three-way-merge' },
  /** Append-only: written once, never changed; the server refuses a changed copy. */
  photos: { schema: photoSchemaLiteral, conflictPolicy: 'append-only' },
  signatures: { schema: signatureSchemaLiteral, conflictPolicy: 'append-only' },
  jobs: { schema: jobSchemaLiteral, conflictPolicy: 'three-way-merge' },
  added_work: { schema: addedWorkSchemaLiteral, conflictPolicy: 'three-way-merge' },
  approvals: { schema: approvalSchemaLiteral, conflictPolicy: 'append-only' },
  sign_offs: { schema: signOffSchemaLiteral, conflictPolicy: 'append-only' },
  rework_records: { schema: reworkSchemaLiteral, conflictPolicy: 'append-only' },
} as const;

export type ConflictPolicy = (typeof SYNCED_COLLECTIONS)[CollectionName]['conflictPolicy'];

export type CollectionName = keyof typeof SYNCED_COLLECTIONS;

export const COLLECTION_NAMES = Object.keys(SYNCED_COLLECTIONS) as CollectionName[];

export function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(SYNCED_COLLECTIONS, name);
}

export function wireSchemaOf(name: CollectionName): Record<string, unknown> {
  return toWireSchema(SYNCED_COLLECTIONS[name].schema);
}
