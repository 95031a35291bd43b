import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  canonicalJson,
  codedError,
  type CollectionName,
  type ErrorCode,
  type PushRejection,
} from '../../src/schema/index.js';
import type { PushContext, PushRowInput } from '../database/document-store.js';

/**
 * The answers the server gave to mutations a tablet named (table
 * push_answers, migration 11). A tablet whose answer was lost sends the same
 * mutation again: it gets the answer of the first send (accepted, or the
 * same refusal), not a new judgement against what has happened since, and
 * nothing is written twice. The same id with another state is a new question.
 */
export const ANSWERS_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

/** A kept answer: null for accepted, else the refusal's code. */
export type KeptAnswer = { code: ErrorCode | null };

export interface PushAnswers {
  /** The kept answers for these rows (by index), where the row sends the state it sent then. */
  keptFor(context: PushContext, rows: readonly PushRowInput[]): Map<number, KeptAnswer>;
  /** Inside the push's write transaction: the answer this row got. */
  keep(
    context: PushContext,
    collection: CollectionName,
    row: PushRowInput,
    answer: KeptAnswer,
    answeredAt: number,
  ): void;
  /** Forgets answers older than ANSWERS_KEPT_MS; how many went. */
  forgetOld(now?: number): number;
}

interface AnswerRow {
  state_hash: string;
  code: string | null;
}

function stateHash(row: PushRowInput): string {
  return createHash('sha256').update(canonicalJson(row.newDocumentState)).digest('hex');
}

export function createPushAnswers(database: Database): PushAnswers {
  const select = database.prepare<[string, string, string], AnswerRow>(
    'SELECT state_hash, code FROM push_answers WHERE site_id = ? AND device_id = ? AND mutation_id = ?',
  );
  const insert = database.prepare(
    `INSERT OR REPLACE INTO push_answers
       (site_id, device_id, mutation_id, state_hash, collection, record_id, code, answered_at)
     VALUES (@siteId, @deviceId, @mutationId, @stateHash, @collection, @recordId, @code, @answeredAt)`,
  );
  const forget = database.prepare('DELETE FROM push_answers WHERE answered_at < ?');
  return {
    keptFor(context, rows) {
      const kept = new Map<number, KeptAnswer>();
      rows.forEach((row, index) => {
        if (row.mutationId === undefined) return;
        const answer = select.get(context.siteId, context.deviceId, row.mutationId);
        if (answer && answer.state_hash === stateHash(row))
          kept.set(index, { code: answer.code as ErrorCode | null });
      });
      return kept;
    },
    keep(context, collection, row, answer, answeredAt) {
      if (row.mutationId === undefined) return;
      insert.run({
        siteId: context.siteId,
        deviceId: context.deviceId,
        mutationId: row.mutationId,
        stateHash: stateHash(row),
        collection,
        recordId: String(row.newDocumentState.id),
        code: answer.code,
        answeredAt,
      });
    },
    forgetOld(now = Date.now()) {
      return forget.run(now - ANSWERS_KEPT_MS).changes;
    },
  };
}

/** A kept refusal as the push answers it. */
export function keptRejection(row: PushRowInput, code: ErrorCode): PushRejection {
  return { id: String(row.newDocumentState.id), code, message: codedError(code).message };
}
