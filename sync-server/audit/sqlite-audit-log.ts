import type { Database } from 'better-sqlite3';
import type { CollectionName } from '../../src/schema/index.js';
import type { PushContext, StoredDocument } from '../database/document-store.js';
import {
  GENESIS_HASH,
  auditActionOf,
  auditEntryHash,
  changedFieldsOf,
  deviceTimeOf,
  type AuditAction,
  type AuditEntry,
} from './audit-entry.js';

/**
 * The audit_log table (migration 3): appended inside the push's write
 * transaction, read by the admin routes. SQLite triggers refuse UPDATE and
 * DELETE, so nothing here ever changes a row.
 */
export interface AuditedWrite {
  collection: CollectionName;
  recordId: string;
  document: StoredDocument;
  context: PushContext;
  serverTime: number;
}

export interface AuditRow {
  seq: number;
  site_id: string;
  server_time: number;
  device_time: number | null;
  username: string;
  device_id: string;
  collection: string;
  record_id: string;
  action: AuditAction;
  changed_fields: string;
  prev_hash: string;
  hash: string;
}

/** A hand-edited changed_fields that is no JSON list reads as none; the chain check catches it. */
function parseChangedFields(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

export function auditEntryOfRow(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    siteId: row.site_id,
    serverTime: row.server_time,
    deviceTime: row.device_time,
    username: row.username,
    deviceId: row.device_id,
    collection: row.collection,
    recordId: row.record_id,
    action: row.action,
    changedFields: parseChangedFields(row.changed_fields),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface AuditLogWriter {
  /** Call inside the write transaction, before the document itself is stored. */
  recordWrite(write: AuditedWrite): void;
}

export function createSqliteAuditLogWriter(database: Database): AuditLogWriter {
  const selectStored = database
    .prepare<[string, string], string>('SELECT data FROM documents WHERE collection = ? AND id = ?')
    .pluck();
  const selectSiteHead = database
    .prepare<[string], string>(
      'SELECT hash FROM audit_log WHERE site_id = ? ORDER BY seq DESC LIMIT 1',
    )
    .pluck();
  // The sequence is part of the hash, so it is taken here rather than left to the INSERT.
  const selectNextSeq = database
    .prepare<[], number>('SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_log')
    .pluck();
  const insert = database.prepare(
    `INSERT INTO audit_log (seq, site_id, server_time, device_time, username, device_id,
       collection, record_id, action, changed_fields, prev_hash, hash)
     VALUES (@seq, @siteId, @serverTime, @deviceTime, @username, @deviceId,
       @collection, @recordId, @action, @changedFields, @prevHash, @hash)`,
  );

  return {
    recordWrite({ collection, recordId, document, context, serverTime }) {
      const storedData = selectStored.get(collection, recordId);
      const previous =
        storedData === undefined ? undefined : (JSON.parse(storedData) as StoredDocument);
      const entry = {
        seq: selectNextSeq.get() ?? 1,
        siteId: context.siteId,
        serverTime,
        deviceTime: deviceTimeOf(document),
        username: context.username,
        deviceId: context.deviceId,
        collection,
        recordId,
        action: auditActionOf(previous, document),
        changedFields: changedFieldsOf(collection, previous, document),
        prevHash: selectSiteHead.get(context.siteId) ?? GENESIS_HASH,
      };
      insert.run({
        ...entry,
        changedFields: JSON.stringify(entry.changedFields),
        hash: auditEntryHash(entry),
      });
    },
  };
}

export interface AuditLogReader {
  /** One site's entries with seq > afterSeq, oldest first; without afterSeq the newest `limit`. */
  page(siteId: string, afterSeq: number | undefined, limit: number): AuditEntry[];
  /** Raw rows for export and verification, oldest first, read in pages. */
  rows(siteId: string, afterSeq: number, limit: number): AuditRow[];
}

export function createSqliteAuditLogReader(database: Database): AuditLogReader {
  const selectAfter = database.prepare<[string, number, number], AuditRow>(
    'SELECT * FROM audit_log WHERE site_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const selectNewest = database.prepare<[string, number], AuditRow>(
    'SELECT * FROM audit_log WHERE site_id = ? ORDER BY seq DESC LIMIT ?',
  );
  return {
    page(siteId, afterSeq, limit) {
      const rows =
        afterSeq === undefined
          ? selectNewest.all(siteId, limit).reverse()
          : selectAfter.all(siteId, afterSeq, limit);
      return rows.map(auditEntryOfRow);
    },
    rows(siteId, afterSeq, limit) {
      return selectAfter.all(siteId, afterSeq, limit);
    },
  };
}
