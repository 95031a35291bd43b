import { createHash } from 'node:crypto';
import {
  SYNCED_COLLECTIONS,
  canonicalJson,
  type AuditAction,
  type AuditEntry,
  type CollectionName,
} from '../../src/schema/index.js';
import type { StoredDocument } from '../database/document-store.js';

/**
 * One audit entry and its hash chain: each entry carries the hash of the one
 * before it (per site), so changing or deleting an entry breaks every later
 * link. node:crypto, not WebCrypto: the entry is hashed inside the synchronous
 * SQLite write transaction.
 */
export { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../../src/schema/index.js';

/** The previous hash of a site's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export type UnhashedAuditEntry = Omit<AuditEntry, 'hash'>;

export function auditEntryHash(entry: UnhashedAuditEntry): string {
  // Rebuilt field by field so a stray property (a row's extra column) never enters the hash.
  const hashed: UnhashedAuditEntry = {
    seq: entry.seq,
    siteId: entry.siteId,
    serverTime: entry.serverTime,
    deviceTime: entry.deviceTime,
    username: entry.username,
    deviceId: entry.deviceId,
    collection: entry.collection,
    recordId: entry.recordId,
    action: entry.action,
    changedFields: entry.changedFields,
    prevHash: entry.prevHash,
  };
  return createHash('sha256')
    .update(entry.prevHash + canonicalJson(hashed), 'utf8')
    .digest('hex');
}

/** The wire's deletion flag is how a delete travels, not a field of the record. */
function recordFieldsOf(document: StoredDocument): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...document };
  delete fields._deleted;
  return fields;
}

export function auditActionOf(
  previous: StoredDocument | undefined,
  next: StoredDocument,
): AuditAction {
  if (next._deleted && !previous?._deleted) return 'delete';
  return previous ? 'update' : 'create';
}

export function changedFieldsOf(
  collection: CollectionName,
  previous: StoredDocument | undefined,
  next: StoredDocument,
): string[] {
  const nextFields = recordFieldsOf(next);
  // An append-only record is never edited: each write states the whole record.
  if (!previous || SYNCED_COLLECTIONS[collection].conflictPolicy === 'append-only') {
    return Object.keys(nextFields).sort();
  }
  const previousFields = recordFieldsOf(previous);
  const names = new Set([...Object.keys(previousFields), ...Object.keys(nextFields)]);
  return [...names]
    .filter((name) => canonicalJson(previousFields[name]) !== canonicalJson(nextFields[name]))
    .sort();
}

export function deviceTimeOf(document: StoredDocument): number | null {
  return typeof document.updatedAt === 'number' ? document.updatedAt : null;
}
