import {
  SYNCED_COLLECTIONS,
  codedError,
  sameContent,
  type CollectionName,
  type ErrorCode,
  type PushRejection,
} from '../../src/schema/index.js';
import type { PushContext, PushRowInput, StoredDocument } from '../database/document-store.js';
import { collectionRefusal } from './collection-rules.js';
import { lifecycleRefusal } from './lifecycle-rules.js';
import { signerSignatureRefusal } from './signer-signatures.js';
import type { SignerKeyReads } from '../auth/signer-keys.js';
import { createPushView, type PushView } from './push-view.js';
import { sameApartFromReceipt, withReceipt } from './receipt-time.js';
import type { RuleReads, StoredEntry } from './rule-reads.js';

/**
 * Decides each row of a push before anything is written: refused by a rule
 * (a stable code; nothing of it is written), a conflict, an identical resend,
 * or a write. Rows are judged in order, each seeing the rows accepted before
 * it. Async because signed content is hashed with WebCrypto; the caller
 * writes the verdicts in one synchronous transaction.
 */
export type Verdict =
  | { kind: 'write'; document: StoredDocument }
  | { kind: 'unchanged' }
  | { kind: 'conflict'; current: StoredDocument }
  | { kind: 'refused'; rejection: PushRejection };

export interface PushToJudge {
  collection: CollectionName;
  rows: readonly PushRowInput[];
  context: PushContext;
  /** Server clock for the receipt stamp of accepted records. */
  serverTime: number;
  /** Registered signing keys: every signing record's signature is verified against them. */
  signerKeys: SignerKeyReads;
}

export async function judgePush(push: PushToJudge, reads: RuleReads): Promise<Verdict[]> {
  const { collection, context } = push;
  const primaryKey = SYNCED_COLLECTIONS[collection].schema.primaryKey;
  const view = createPushView(reads, collection, context.siteId, primaryKey);
  const verdicts: Verdict[] = [];
  for (const row of push.rows) {
    const id = String(row.newDocumentState[primaryKey]);
    const stored = view.stored(collection, context.siteId, id);
    const verdict = await judgeRow(push, { id, row, stored }, view);
    if (verdict.kind === 'write') view.accept(verdict.document);
    verdicts.push(verdict);
  }
  return verdicts;
}

async function judgeRow(
  { collection, context, serverTime, signerKeys }: PushToJudge,
  { id, row, stored }: { id: string; row: PushRowInput; stored: StoredEntry | undefined },
  view: PushView,
): Promise<Verdict> {
  const next = row.newDocumentState;
  // The store reads only the pusher's site: another site's record of the same id is never seen.
  if (next.siteId !== context.siteId) return refused(id, 'SITE_FORBIDDEN');
  // Identity comes from the session: the token's user, with their role and standing as now.
  const standing = view.userStanding(context.siteId, context.username);
  if (!standing?.active) return refused(id, 'USER_INACTIVE');
  const pusher = { username: context.username, role: standing.role };
  const current = stored?.document;
  // An identical resend was judged when it first came: accept it, change nothing. A resend
  // without the receipt stamp gets the stamped copy back, or the tablet would keep its own.
  if (current && sameApartFromReceipt(collection, current, next))
    return sameContent(current, next) ? { kind: 'unchanged' } : { kind: 'conflict', current };
  const roleOf = (username: string) => view.userRole(context.siteId, username);
  const authors = current ? [next.updatedBy] : [next.createdBy, next.updatedBy];
  if (authors.some((author) => roleOf(String(author)) === undefined))
    return refused(id, 'AUTHOR_UNKNOWN');
  // Append-only records are final: a changed copy is refused, never written nor merged.
  if (current && SYNCED_COLLECTIONS[collection].conflictPolicy === 'append-only')
    return refused(id, 'RECORD_APPEND_ONLY');
  // Before the rules: a stale state would otherwise look like an edit it never made.
  if (current && isConflict(row, current)) return { kind: 'conflict', current };
  const siteId = context.siteId;
  const code =
    lifecycleRefusal({ collection, next, current, pusher, siteId, reads: view }) ??
    (await collectionRefusal(collection, {
      next,
      current,
      siteId,
      reads: view,
      pusher,
    })) ??
    (await signerSignatureRefusal({ collection, next, context, keys: signerKeys }));
  if (code) return refused(id, code);
  return { kind: 'write', document: current ? next : withReceipt(collection, next, serverTime) };
}

function isConflict(row: PushRowInput, current: StoredDocument) {
  const assumed = row.assumedMasterState ?? undefined;
  return assumed === undefined || !sameContent(assumed, current);
}

function refused(id: string, code: ErrorCode): Verdict {
  const { message } = codedError(code);
  return { kind: 'refused', rejection: { id, code, message } };
}
