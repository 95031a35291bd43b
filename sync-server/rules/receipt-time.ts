import {
  SYNCED_COLLECTIONS,
  sameContent,
  withoutServerStamps,
  type CollectionName,
} from '../../src/schema/index.js';
import type { StoredDocument } from '../database/document-store.js';

/**
 * Server receipt time: records whose schema has `receivedAt` (sign-offs,
 * approvals) get the server's clock stamped when it first accepts them, so a
 * tablet clock can never date a signature. The tablet's copy lacks the stamp,
 * so comparisons for "the same resend" leave it out.
 */
export function stampsReceipt(collection: CollectionName): boolean {
  return Object.hasOwn(SYNCED_COLLECTIONS[collection].schema.properties, 'receivedAt');
}

export function withReceipt(
  collection: CollectionName,
  document: StoredDocument,
  serverTime: number,
): StoredDocument {
  return stampsReceipt(collection) ? { ...document, receivedAt: serverTime } : document;
}

export function sameApartFromReceipt(
  collection: CollectionName,
  stored: StoredDocument,
  pushed: StoredDocument,
): boolean {
  if (!stampsReceipt(collection)) return sameContent(stored, pushed);
  // Every server stamp (the sign-off's job revision verdict too): the tablet's copy may lack them.
  return sameContent(withoutServerStamps(stored), withoutServerStamps(pushed));
}
