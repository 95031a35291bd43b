import type { Database } from 'better-sqlite3';
import {
  SYNCED_COLLECTIONS,
  SYNC_LIMITS,
  canonicalJson,
  type CollectionName,
} from '../../src/schema/index.js';
import { createSqliteAuditLogWriter } from '../audit/sqlite-audit-log.js';
import { judgePush, type Verdict } from '../rules/judge-push.js';
import { createSqliteRuleReads } from '../rules/rule-reads.js';
import { createJobRevisionKeeper } from '../rules/job-revisions.js';
import { createSignerKeyReads } from '../auth/signer-keys.js';
import { createPushAnswers, keptRejection, type KeptAnswer } from '../rules/push-answers.js';
import type {
  ChangesPullResult,
  DocumentStore,
  StoredChange,
  PullResult,
  PushContext,
  PushResult,
  PushRowInput,
  StoredDocument,
} from './document-store.js';
import { closeSqliteDatabase } from './sqlite-database.js';

/**
 * SQLite implementation of the document store. Each site's sequence number is
 * taken inside the write transaction; better-sqlite3 runs it synchronously and
 * SQLite has one writer at a time, so within a site sequence order is commit
 * order and a pull cursor never skips a row. (PostgreSQL must take the site's
 * row of site_sequences with FOR UPDATE in the transaction to keep the same.)
 */
interface DocumentRow {
  seq: number;
  collection: CollectionName;
  data: string;
}

/**
 * A page of rows in sequence order: at most `limit`, and no more than
 * SYNC_LIMITS.maxPullBytes of JSON unless the first row alone is larger.
 */
function pageOf(rows: Iterable<DocumentRow>, limit: number) {
  const page: DocumentRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    bytes += row.data.length;
    if (page.length === limit || (page.length > 0 && bytes > SYNC_LIMITS.maxPullBytes))
      return { page, more: true };
    page.push(row);
  }
  return { page, more: false };
}

const MAX_JUDGE_ATTEMPTS = 5;

/** A page of changes, parsed only if asked: the pull route sends the stored text as it is. */
function changesResultOf(
  rows: readonly DocumentRow[],
  rest: Omit<ChangesPullResult, 'changes' | 'changesJson'>,
): ChangesPullResult {
  let parsed: StoredChange[] | undefined;
  return {
    ...rest,
    get changes() {
      parsed ??= rows.map((row) => ({
        collection: row.collection,
        document: JSON.parse(row.data) as StoredDocument,
      }));
      return parsed;
    },
    get changesJson() {
      const items = rows.map(
        (row) => `{"collection":${JSON.stringify(row.collection)},"document":${row.data}}`,
      );
      return `[${items.join(',')}]`;
    },
  };
}

export function createSqliteDocumentStore(database: Database): DocumentStore {
  const selectPage = database.prepare<[string, string, number, number], DocumentRow>(
    'SELECT seq, collection, data FROM documents WHERE site_id = ? AND collection = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const selectChanges = database.prepare<[string, number, number], DocumentRow>(
    'SELECT seq, collection, data FROM documents WHERE site_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const countChangesAfter = database
    .prepare<[string, number], number>(
      'SELECT COUNT(*) FROM documents WHERE site_id = ? AND seq > ?',
    )
    .pluck();
  // The same for one tablet database: what it pushed, stored as it sent it, is left out.
  const selectChangesFor = database.prepare<[string, number, string, number], DocumentRow>(
    `SELECT seq, collection, data FROM documents
     WHERE site_id = ? AND seq > ? AND pushed_by_store IS NOT ? ORDER BY seq LIMIT ?`,
  );
  const countChangesAfterFor = database
    .prepare<[string, number, string], number>(
      'SELECT COUNT(*) FROM documents WHERE site_id = ? AND seq > ? AND pushed_by_store IS NOT ?',
    )
    .pluck();
  const lastSiteSequence = database
    .prepare<[string], number | null>('SELECT MAX(seq) FROM documents WHERE site_id = ?')
    .pluck();
  /**
   * A page of one site's changes, less what `store` pushed itself. When that
   * leaves the page short of the end, the checkpoint is the site's last
   * sequence, read in the same snapshot: the rows left out are passed too.
   */
  const changesFor = database.transaction(
    (siteId: string, afterSequence: number, limit: number, store: string) => {
      const rows = selectChangesFor.iterate(siteId, afterSequence, store, limit + 1);
      const { page, more } = pageOf(rows, limit);
      const last = more ? page.at(-1)?.seq : (lastSiteSequence.get(siteId) ?? undefined);
      return {
        page,
        more,
        checkpoint: last !== undefined && last > afterSequence ? { sequence: last } : null,
        remaining:
          more && last !== undefined ? (countChangesAfterFor.get(siteId, last, store) ?? 0) : 0,
      };
    },
  );
  const countAfter = database
    .prepare<[string, string, number], number>(
      'SELECT COUNT(*) FROM documents WHERE site_id = ? AND collection = ? AND seq > ?',
    )
    .pluck();
  // Every write bumps the global count (see judgeAndWrite) and takes its site's next number.
  const countWrite = database.prepare('UPDATE sync_sequence SET value = value + 1 WHERE id = 1');
  const nextSiteSequence = database
    .prepare<[string], number>(
      `INSERT INTO site_sequences (site_id, value) VALUES (?, 1)
       ON CONFLICT (site_id) DO UPDATE SET value = value + 1 RETURNING value`,
    )
    .pluck();
  const currentSequence = database
    .prepare<[], number>('SELECT value FROM sync_sequence WHERE id = 1')
    .pluck();
  const upsert = database.prepare(
    `INSERT INTO documents (collection, id, site_id, seq, deleted, data, server_time, pushed_by_store)
     VALUES (@collection, @id, @siteId, @seq, @deleted, @data, @serverTime, @pushedByStore)
     ON CONFLICT (site_id, collection, id) DO UPDATE SET
       seq = excluded.seq, deleted = excluded.deleted,
       data = excluded.data, server_time = excluded.server_time,
       pushed_by_store = excluded.pushed_by_store`,
  );

  const reads = createSqliteRuleReads(database);
  const signerKeys = createSignerKeyReads(database);
  const auditLog = createSqliteAuditLogWriter(database);
  const jobRevisions = createJobRevisionKeeper(database, reads);
  const answers = createPushAnswers(database);
  answers.forgetOld();
  // A server runs for months: old answers go once a day too, not only at start.
  const answerSweep = setInterval(() => answers.forgetOld(), 24 * 60 * 60 * 1000);
  answerSweep.unref();
  // Verdicts are reached before the transaction (hashing is async); they stand only
  // if nothing was written meanwhile, which the count of writes tells.
  const writeVerdicts = database.transaction(
    (
      collection: CollectionName,
      judged: { rows: readonly PushRowInput[]; verdicts: readonly Verdict[] },
      judgedAtSequence: number,
      context: PushContext,
    ) => {
      if ((currentSequence.get() ?? 0) !== judgedAtSequence) return null;
      const result: PushResult = { conflicts: [], written: [], rejected: [] };
      const serverTime = Date.now();
      for (const [index, verdict] of judged.verdicts.entries()) {
        const row = judged.rows[index];
        // A conflict is no answer to keep: the tablet merges and sends the mutation again.
        if (row && verdict.kind !== 'conflict')
          answers.keep(context, collection, row, answerOf(verdict), serverTime);
        if (verdict.kind === 'refused') result.rejected.push(verdict.rejection);
        if (verdict.kind === 'conflict') result.conflicts.push(verdict.current);
        if (verdict.kind !== 'write') continue;
        const document = jobRevisions.beforeWrite(collection, context.siteId, verdict.document);
        // Stored exactly as sent (no server stamp): the pushing tablet database holds it already.
        const asSent = document === row?.newDocumentState;
        result.written.push({
          document,
          sequence: writeOne(collection, document, context, serverTime, asSent),
        });
        // A job write judges the sign-offs that waited for it: their stamps are server writes too.
        for (const stamped of jobRevisions.afterWrite(collection, context.siteId, document)) {
          const sequence = writeOne('sign_offs', stamped, context, serverTime, false);
          (result.alsoWritten ??= []).push({
            collection: 'sign_offs',
            document: stamped,
            sequence,
          });
        }
      }
      return result;
    },
  );

  function writeOne(
    collection: CollectionName,
    document: StoredDocument,
    context: PushContext,
    serverTime: number,
    asSent: boolean,
  ): number {
    countWrite.run();
    const seq = nextSiteSequence.get(context.siteId) ?? 0;
    const id = String(document[SYNCED_COLLECTIONS[collection].schema.primaryKey]);
    // Same transaction: a write and its audit entry commit together or not at all.
    const data = canonicalJson(document);
    auditLog.recordWrite({
      collection,
      recordId: id,
      document,
      documentJson: data,
      context,
      serverTime,
    });
    upsert.run({
      collection,
      id,
      // The pusher's site: ids are unique per site, so the same id elsewhere is another record.
      siteId: context.siteId,
      seq,
      deleted: document._deleted ? 1 : 0,
      data,
      serverTime,
      pushedByStore: asSent ? (context.store ?? null) : null,
    });
    return seq;
  }

  async function judgeAndWrite(
    collection: CollectionName,
    rows: readonly PushRowInput[],
    context: PushContext,
  ): Promise<PushResult> {
    // A resend of a mutation answered before gets that answer: nothing is judged or written.
    const kept = answers.keptFor(context, rows);
    const fresh = rows.filter((_, index) => !kept.has(index));
    const keptRefusals = [...kept].flatMap(([index, { code }]) => {
      const row = rows[index];
      return row && code ? [keptRejection(row, code)] : [];
    });
    for (let attempt = 1; ; attempt += 1) {
      const judgedAtSequence = currentSequence.get() ?? 0;
      const push = { collection, rows: fresh, context, serverTime: Date.now(), signerKeys };
      const verdicts = await judgePush(push, reads);
      const judged = { rows: fresh, verdicts };
      const result = writeVerdicts.immediate(collection, judged, judgedAtSequence, context);
      if (result) {
        result.rejected.push(...keptRefusals);
        return result;
      }
      // Only another process writing the same file gets here; in one process pushes queue.
      if (attempt === MAX_JUDGE_ATTEMPTS) throw new Error('push kept racing another writer');
    }
  }

  function answerOf(verdict: Verdict): KeptAnswer {
    return { code: verdict.kind === 'refused' ? verdict.rejection.code : null };
  }

  // Pushes run one after another, so the state a push was judged on is the state it writes to.
  let pushQueue: Promise<unknown> = Promise.resolve();

  return {
    pull(collection, siteId, afterSequence, limit): PullResult {
      const rows = selectPage.iterate(siteId, collection, afterSequence, limit + 1);
      const { page, more } = pageOf(rows, limit);
      const last = page.at(-1);
      return {
        documents: page.map((row) => JSON.parse(row.data) as StoredDocument),
        checkpoint: last ? { sequence: last.seq } : null,
        more,
        remaining: more && last ? (countAfter.get(siteId, collection, last.seq) ?? 0) : 0,
      };
    },
    pullChanges(siteId, afterSequence, limit, store) {
      if (store !== undefined) {
        const { page, ...rest } = changesFor(siteId, afterSequence, limit, store);
        return changesResultOf(page, rest);
      }
      const { page, more } = pageOf(selectChanges.iterate(siteId, afterSequence, limit + 1), limit);
      const last = page.at(-1);
      return changesResultOf(page, {
        checkpoint: last ? { sequence: last.seq } : null,
        more,
        remaining: more && last ? (countChangesAfter.get(siteId, last.seq) ?? 0) : 0,
      });
    },
    push(collection, rows, context) {
      const run = pushQueue.then(() => judgeAndWrite(collection, rows, context));
      pushQueue = run.catch(() => undefined);
      return run;
    },
    lastSequence() {
      return currentSequence.get() ?? 0;
    },
    close() {
      clearInterval(answerSweep);
      closeSqliteDatabase(database);
    },
  };
}
