import type { Database } from 'better-sqlite3';
import {
  SYNCED_COLLECTIONS,
  canonicalJson,
  sameContent,
  type CollectionName,
} from '../../src/schema/index.js';
import type {
  DocumentStore,
  PullResult,
  PushResult,
  PushRowInput,
  StoredDocument,
} from './document-store.js';
import { closeSqliteDatabase } from './sqlite-database.js';

/**
 * SQLite implementation of the document store. Sequences are taken inside the
 * write transaction; better-sqlite3 runs it synchronously as the only writer,
 * so sequence order is commit order and a pull cursor never skips a row.
 */
interface DocumentRow {
  seq: number;
  data: string;
}

export function createSqliteDocumentStore(database: Database): DocumentStore {
  const selectPage = database.prepare<[string, number, number], DocumentRow>(
    'SELECT seq, data FROM documents WHERE collection = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const selectOne = database.prepare<[string, string], DocumentRow>(
    'SELECT seq, data FROM documents WHERE collection = ? AND id = ?',
  );
  const nextSequence = database
    .prepare<[], number>('UPDATE sync_sequence SET value = value + 1 WHERE id = 1 RETURNING value')
    .pluck();
  const currentSequence = database
    .prepare<[], number>('SELECT value FROM sync_sequence WHERE id = 1')
    .pluck();
  const upsert = database.prepare(
    `INSERT INTO documents (collection, id, site_id, seq, deleted, data, server_time)
     VALUES (@collection, @id, @siteId, @seq, @deleted, @data, @serverTime)
     ON CONFLICT (collection, id) DO UPDATE SET
       site_id = excluded.site_id, seq = excluded.seq, deleted = excluded.deleted,
       data = excluded.data, server_time = excluded.server_time`,
  );

  const pushInTransaction = database.transaction(
    (collection: CollectionName, rows: readonly PushRowInput[]): PushResult => {
      const { schema, conflictPolicy } = SYNCED_COLLECTIONS[collection];
      const primaryKey = schema.primaryKey;
      const appendOnly = conflictPolicy === 'append-only';
      const result: PushResult = { conflicts: [], written: [], rejected: [] };
      const serverTime = Date.now();
      for (const row of rows) {
        const id = String(row.newDocumentState[primaryKey]);
        const stored = selectOne.get(collection, id);
        const current = stored ? (JSON.parse(stored.data) as StoredDocument) : undefined;
        if (current !== undefined) {
          // An identical resend is accepted and changes nothing: no new sequence.
          if (sameContent(current, row.newDocumentState)) continue;
          // Signatures and photos are final: a changed copy is never written.
          if (appendOnly) {
            result.conflicts.push(current);
            continue;
          }
          const assumed = row.assumedMasterState ?? undefined;
          if (assumed === undefined || !sameContent(assumed, current)) {
            result.conflicts.push(current);
            continue;
          }
        }
        // No stored master: written even if the tablet assumed one existed (say the
        // server was restored from an older backup); refusing would strand the edit.
        const seq = nextSequence.get() ?? 0;
        upsert.run({
          collection,
          id,
          siteId: String(row.newDocumentState.siteId ?? ''),
          seq,
          deleted: row.newDocumentState._deleted ? 1 : 0,
          data: canonicalJson(row.newDocumentState),
          serverTime,
        });
        result.written.push({ document: row.newDocumentState, sequence: seq });
      }
      return result;
    },
  );

  return {
    pull(collection, afterSequence, limit): PullResult {
      const rows = selectPage.all(collection, afterSequence, limit);
      const last = rows.at(-1);
      const checkpoint = last ? { sequence: last.seq } : null;
      return { documents: rows.map((row) => JSON.parse(row.data) as StoredDocument), checkpoint };
    },
    push(collection, rows) {
      return pushInTransaction.immediate(collection, rows);
    },
    lastSequence() {
      return currentSequence.get() ?? 0;
    },
    close() {
      closeSqliteDatabase(database);
    },
  };
}
