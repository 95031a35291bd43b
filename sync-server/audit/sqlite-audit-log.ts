import type { Database } from 'better-sqlite3';
import { canonicalJson, type CollectionName } from '../../src/schema/index.js';
import type { PushContext, StoredDocument } from '../database/document-store.js';
import { auditChainKeyOf } from './audit-chain-key.js';
import {
  GENESIS_HASH,
  auditActionOf,
  auditEntryMac,
  changedFieldsOf,
  deviceTimeOf,
  stateHashOf,
  writtenValuesOf,
  type AuditAction,
  type AuditEntry,
  type UnhashedAuditEntry,
} from './audit-entry.js';

/**
 * The audit_log table (migrations 3 and 6): appended inside the write's own
 * transaction, read by the admin routes. SQLite triggers refuse UPDATE and
 * DELETE, so nothing here ever changes a row; the keyed chain shows it if
 * someone with the file does.
 */
export interface AuditedWrite {
  collection: CollectionName;
  recordId: string;
  document: StoredDocument;
  /** canonicalJson(document), the text the documents table stores. */
  documentJson: string;
  context: PushContext;
  serverTime: number;
}

/** An admin or sign-in event; `details` is what it wrote (never a secret). */
export interface AuditedEvent {
  siteId: string;
  username: string;
  deviceId: string;
  collection: string;
  recordId: string;
  action: AuditAction;
  changedFields: string[];
  details: Record<string, unknown>;
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
  written: string | null;
  state_hash: string | null;
  prev_hash: string;
  hash: string;
}

/** Hand-edited JSON that does not parse reads as `fallback`; the chain check catches it. */
function parseJson<T>(text: string | null, fallback: T, accept: (value: unknown) => boolean): T {
  if (text === null) return fallback;
  try {
    const parsed: unknown = JSON.parse(text);
    return accept(parsed) ? (parsed as T) : fallback;
  } catch {
    return fallback;
  }
}

const isObject = (value: unknown) =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function auditEntryOfRow(row: AuditRow): AuditEntry {
  const changedFields = parseJson<unknown[]>(row.changed_fields, [], Array.isArray).map(String);
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
    changedFields,
    written: row.written === null ? null : parseJson(row.written, {}, isObject),
    stateHash: row.state_hash,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface AuditLogWriter {
  /** Call inside the write transaction, before the document itself is stored. */
  recordWrite(write: AuditedWrite): void;
  /**
   * Call inside the transaction of the change it records; alone, it takes its
   * own immediate one (the seq is read, then written: no other process between).
   */
  recordEvent(event: AuditedEvent): void;
}

function createWriter(database: Database): AuditLogWriter {
  const key = auditChainKeyOf(database);
  const selectStored = database
    .prepare<[string, string, string], string>(
      'SELECT data FROM documents WHERE site_id = ? AND collection = ? AND id = ?',
    )
    .pluck();
  const selectSiteHead = database
    .prepare<[string], string>(
      'SELECT hash FROM audit_log WHERE site_id = ? ORDER BY seq DESC LIMIT 1',
    )
    .pluck();
  // The sequence is part of the MAC, so it is taken here rather than left to the INSERT.
  const selectNextSeq = database
    .prepare<[], number>('SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_log')
    .pluck();
  const insert = database.prepare(
    `INSERT INTO audit_log (seq, site_id, server_time, device_time, username, device_id,
       collection, record_id, action, changed_fields, written, state_hash, prev_hash, hash)
     VALUES (@seq, @siteId, @serverTime, @deviceTime, @username, @deviceId,
       @collection, @recordId, @action, @changedFields, @written, @stateHash, @prevHash, @hash)`,
  );

  function append(entry: Omit<UnhashedAuditEntry, 'seq' | 'prevHash'>): void {
    const chained: UnhashedAuditEntry = {
      ...entry,
      seq: selectNextSeq.get() ?? 1,
      prevHash: selectSiteHead.get(entry.siteId) ?? GENESIS_HASH,
    };
    const written = canonicalJson(chained.written);
    insert.run({
      ...chained,
      changedFields: JSON.stringify(chained.changedFields),
      written,
      hash: auditEntryMac(chained, key, written),
    });
  }

  const recordEventAlone = database.transaction(({ details, ...event }: AuditedEvent) => {
    append({
      ...event,
      serverTime: Date.now(),
      deviceTime: null,
      written: details,
      stateHash: stateHashOf(details),
    });
  });

  return {
    recordWrite({ collection, recordId, document, documentJson, context, serverTime }) {
      const storedData = selectStored.get(context.siteId, collection, recordId);
      const previous =
        storedData === undefined ? undefined : (JSON.parse(storedData) as StoredDocument);
      const changedFields = changedFieldsOf(collection, previous, document);
      append({
        siteId: context.siteId,
        serverTime,
        deviceTime: deviceTimeOf(document),
        username: context.username,
        deviceId: context.deviceId,
        collection,
        recordId,
        action: auditActionOf(previous, document),
        changedFields,
        written: writtenValuesOf(document, changedFields),
        stateHash: stateHashOf(document, documentJson),
      });
    },
    recordEvent: (event) => recordEventAlone.immediate(event),
  };
}

const writers = new WeakMap<Database, AuditLogWriter>();

/** One writer per open database: its statements are prepared once (STACK-NOTES). */
export function createSqliteAuditLogWriter(database: Database): AuditLogWriter {
  let writer = writers.get(database);
  if (!writer) {
    writer = createWriter(database);
    writers.set(database, writer);
  }
  return writer;
}

/** Which entries a page of the admin's audit log holds. */
export interface AuditPageQuery {
  /** Entries with a seq above this, oldest first (reading forward). */
  after?: number;
  /** Entries with a seq below this, the newest of them (paging back to older entries). */
  before?: number;
  limit: number;
  /** Only this person's entries. */
  username?: string;
  /** Only this record type's (or event subject's) entries. */
  collection?: string;
}

export interface AuditLogReader {
  /**
   * One site's entries matching the query, oldest first: with `after` the
   * first `limit` above it, otherwise the newest `limit` (below `before` if given).
   */
  page(siteId: string, query: AuditPageQuery): AuditEntry[];
  /** Raw rows for export and verification, oldest first, read in pages. */
  rows(siteId: string, afterSeq: number, limit: number): AuditRow[];
}

interface PageParameters {
  siteId: string;
  username: string | null;
  collection: string | null;
  seq: number;
  limit: number;
}

export function createSqliteAuditLogReader(database: Database): AuditLogReader {
  const selectAfter = database.prepare<[string, number, number], AuditRow>(
    'SELECT * FROM audit_log WHERE site_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  // A filter left out is NULL and matches every row; prepared once, used for every page.
  const matching = `site_id = @siteId
      AND (@username IS NULL OR username = @username)
      AND (@collection IS NULL OR collection = @collection)`;
  const selectPageAfter = database.prepare<PageParameters, AuditRow>(
    `SELECT * FROM audit_log WHERE ${matching} AND seq > @seq ORDER BY seq LIMIT @limit`,
  );
  const selectPageBefore = database.prepare<PageParameters, AuditRow>(
    `SELECT * FROM audit_log WHERE ${matching} AND seq < @seq ORDER BY seq DESC LIMIT @limit`,
  );
  return {
    page(siteId, query) {
      const parameters: PageParameters = {
        siteId,
        username: query.username ?? null,
        collection: query.collection ?? null,
        limit: query.limit,
        seq: query.after ?? query.before ?? Number.MAX_SAFE_INTEGER,
      };
      const rows =
        query.after === undefined
          ? selectPageBefore.all(parameters).reverse()
          : selectPageAfter.all(parameters);
      return rows.map(auditEntryOfRow);
    },
    rows(siteId, afterSeq, limit) {
      return selectAfter.all(siteId, afterSeq, limit);
    },
  };
}
