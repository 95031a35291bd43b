import { createHash, createHmac } from 'node:crypto';
import {
  SYNCED_COLLECTIONS,
  canonicalJson,
  type AuditAction,
  type AuditEntry,
  type CollectionName,
} from '../../src/schema/index.js';
import type { StoredDocument } from '../database/document-store.js';

/**
 * One audit entry and its chain: each entry carries the hash of the one before
 * it (per site) and its own HMAC-SHA-256 under the audit chain key, so changing
 * or deleting an entry breaks every later link and cannot be re-hashed without
 * the key. node:crypto, not WebCrypto: the entry is made inside the synchronous
 * SQLite write transaction.
 */
export { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../../src/schema/index.js';

/** The previous hash of a site's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** An entry as written since migration 6, before its MAC. */
export type UnhashedAuditEntry = Omit<AuditEntry, 'hash' | 'written' | 'stateHash'> & {
  written: Record<string, unknown>;
  stateHash: string;
};

/** The fields entries had before migration 6, hashed with plain SHA-256. */
export type LegacyAuditEntry = Omit<AuditEntry, 'hash' | 'written' | 'stateHash'>;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Plain SHA-256 of an entry written before migration 6 (kept only to verify those). */
export function legacyAuditEntryHash(entry: LegacyAuditEntry): string {
  const hashed: LegacyAuditEntry = {
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
  return sha256Hex(entry.prevHash + canonicalJson(hashed));
}

/** HMAC of a purpose-tagged canonical JSON: an entry's MAC can never pass as a seal's. */
export function auditMac(key: Buffer, purpose: string, value: unknown): string {
  return macOf(key, purpose, canonicalJson(value));
}

function macOf(key: Buffer, purpose: string, canonicalText: string): string {
  return createHmac('sha256', key).update(`${purpose}\n${canonicalText}`, 'utf8').digest('hex');
}

/**
 * `writtenJson`, when the caller has it, is canonicalJson(entry.written): the
 * same bytes are MACed without serialising the record's values twice.
 */
export function auditEntryMac(
  entry: UnhashedAuditEntry,
  key: Buffer,
  writtenJson?: string,
): string {
  // Rebuilt field by field so a stray property (a row's extra column) never enters the MAC.
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
    written: entry.written,
    stateHash: entry.stateHash,
    prevHash: entry.prevHash,
  };
  if (writtenJson === undefined) return auditMac(key, 'audit-entry', hashed);
  // `written` sorts last of these keys: its value ends the canonical text, after a
  // placeholder no other value can end with, since nothing follows it.
  const text = canonicalJson({ ...hashed, written: WRITTEN_PLACEHOLDER });
  const placeholder = `${JSON.stringify(WRITTEN_PLACEHOLDER)}}`;
  if (!text.endsWith(placeholder)) throw new Error('the audit entry layout changed');
  return macOf(key, 'audit-entry', `${text.slice(0, -placeholder.length)}${writtenJson}}`);
}

const WRITTEN_PLACEHOLDER = '\u0000written';

/**
 * SHA-256 of the canonical JSON of a state: of a stored record (the documents
 * table holds exactly that text) or of an event's details.
 */
export function stateHashOf(state: unknown, canonicalText = canonicalJson(state)): string {
  return sha256Hex(canonicalText);
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

/** What the write put in each changed field; null for a field it removed. */
export function writtenValuesOf(
  next: StoredDocument,
  changedFields: readonly string[],
): Record<string, unknown> {
  const fields = recordFieldsOf(next);
  return Object.fromEntries(changedFields.map((name) => [name, fields[name] ?? null]));
}

export function deviceTimeOf(document: StoredDocument): number | null {
  return typeof document.updatedAt === 'number' ? document.updatedAt : null;
}
