/**
 * What must hold once the faults stop and sync settles, each check giving
 * the list of what broke it (empty when it holds), in words for the report.
 */
import {
  COLLECTION_NAMES,
  MAX_CONFLICT_ENTRIES,
  canonicalJson,
  operationsAgreeWithOrder,
  type ConflictEntry,
  type RepairOrder,
  type SignOff,
} from '../../../../src/schema/index.js';
import { APPEND_ONLY_CHECKED, type FieldEdit, type SyncLedger } from './sync-ledger.js';
import type { PlainRecord, TabletSnapshot } from './tablet-messages.js';

export type RecordSet = Record<string, PlainRecord[]>;

/** A record as compared: `_deleted: false` is how the wire says "not deleted". */
function comparable(record: PlainRecord): string {
  const { _deleted: deleted, ...rest } = record;
  return canonicalJson(deleted ? record : rest);
}

function byId(records: readonly PlainRecord[]): Map<string, PlainRecord> {
  return new Map(records.map((record) => [record.id, record]));
}

/**
 * Sign-offs the server rightly refused: signed on a tablet that had not yet
 * heard that another tablet changed the order's operations, so the check
 * covered a job that no longer is (SIGNOFF_CONTENT_MISMATCH). The technician
 * sees the refusal and signs the job as it is now; the record stays on the
 * tablet with its reason. Rightly only if the operations it lists still
 * disagree with the order the server holds: any other mismatch is a problem.
 */
/** The order's operations no longer those the sign-off's content lists. */
function orderChangedSinceSigned(signOff: SignOff, orders: ReadonlyMap<string, RepairOrder>) {
  const order = orders.get(signOff.orderId);
  return !!order && !operationsAgreeWithOrder(signOff.content, order.operations ?? []);
}

export function rightlyRefusedSignOffs(
  server: RecordSet,
  tablets: readonly TabletSnapshot[],
): Set<string> {
  const orders = new Map(
    (server.repair_orders ?? []).map((order) => [order.id, order as unknown as RepairOrder]),
  );
  const excused = new Set<string>();
  for (const entry of tablets.flatMap((tablet) => tablet.outbox)) {
    if (entry.collectionName !== 'sign_offs' || entry.refusedCode !== 'SIGNOFF_CONTENT_MISMATCH')
      continue;
    if (orderChangedSinceSigned(JSON.parse(entry.state) as SignOff, orders))
      excused.add(entry.documentId);
  }
  return excused;
}

/** Every record of the tablet equals the server's, and it holds every record the server has. */
export function tabletDiffers(
  name: string,
  server: RecordSet,
  tablet: TabletSnapshot,
  excused: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  for (const collection of COLLECTION_NAMES) {
    const here = byId(tablet.records[collection] ?? []);
    const there = byId(server[collection] ?? []);
    for (const [id, record] of there) {
      const local = here.get(id);
      if (!local) problems.push(`${name} lacks ${collection}/${id}`);
      else if (comparable(local) !== comparable(record))
        problems.push(
          `${name} has another ${collection}/${id}:\n  tablet ${comparable(local)}\n  server ${comparable(record)}`,
        );
    }
    for (const id of here.keys())
      if (!there.has(id) && !excused.has(id))
        problems.push(`${name} has ${collection}/${id}, the server does not`);
  }
  for (const entry of tablet.outbox) {
    if (excused.has(entry.documentId)) continue;
    const stored = (server[entry.collectionName] ?? []).find(
      (record) => record.id === entry.documentId,
    );
    const refused = entry.refusedCode ? `refused ${entry.refusedCode}` : 'still waiting';
    problems.push(
      `${name}'s edit of ${entry.collectionName}/${entry.documentId} (updatedAt ${entry.updatedAt}) is ${refused}; the server holds updatedAt ${String(stored?.updatedAt)} by ${String(stored?.updatedBy)}`,
    );
  }
  return problems;
}

/** The server holds each record a tablet made, once, and nothing no tablet made. */
export function missingOrDuplicated(
  server: RecordSet,
  ledger: SyncLedger,
  excused: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  for (const collection of COLLECTION_NAMES) {
    const ids = (server[collection] ?? []).map((record) => record.id);
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`the server returned ${collection}/${id} twice`);
      seen.add(id);
    }
    const made = ledger.idsOf(collection);
    for (const id of made)
      if (!seen.has(id) && !excused.has(id))
        problems.push(`${collection}/${id} never reached the server`);
    for (const id of seen)
      if (!made.has(id))
        problems.push(`${collection}/${id} is on the server but no tablet made it`);
  }
  return problems;
}

function fieldAt(record: PlainRecord, path: string): string {
  let value: unknown = record;
  for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  return canonicalJson(value);
}

/**
 * An edit is lost when its value is not the field's final value and no later
 * edit was made on top of it (by someone who saw it). Every lost edit must
 * be kept in the order's conflict entries, under its field.
 */
export function lostWithoutTrace(server: RecordSet, edits: readonly FieldEdit[]): string[] {
  const orders = byId(server.repair_orders ?? []);
  const problems: string[] = [];
  for (const edit of edits) {
    const order = orders.get(edit.orderId);
    if (!order) continue; // reported as missing
    if (fieldAt(order, edit.path) === edit.after) continue;
    const builtUpon = edits.some(
      (other) =>
        other.orderId === edit.orderId && other.path === edit.path && other.before === edit.after,
    );
    if (builtUpon) continue;
    const conflicts = (order.conflicts ?? []) as ConflictEntry[];
    const kept = conflicts.some(
      (entry) => entry.path === edit.path && entry.lostValue === edit.after,
    );
    if (!kept) {
      const note = conflicts.length >= MAX_CONFLICT_ENTRIES ? ' (conflict list full)' : '';
      problems.push(
        `${edit.tablet}'s edit of ${edit.orderId}.${edit.path} to ${edit.after} was lost without a conflict entry${note}; final ${fieldAt(order, edit.path)}, conflicts ${canonicalJson(conflicts)}`,
      );
    }
  }
  return problems;
}

/** Edits whose value did not survive, for the summary: each needed its conflict entry. */
export function countLostEdits(server: RecordSet, edits: readonly FieldEdit[]): number {
  const orders = byId(server.repair_orders ?? []);
  return edits.filter((edit) => {
    const order = orders.get(edit.orderId);
    if (!order || fieldAt(order, edit.path) === edit.after) return false;
    return !edits.some(
      (other) =>
        other.orderId === edit.orderId && other.path === edit.path && other.before === edit.after,
    );
  }).length;
}

/**
 * Signatures and sign-offs are on the server exactly as signed; only the
 * server's stamps are added: the receipt time, and on a sign-off that came
 * before the job revision it names, `serverCheck: 'valid'` once that came
 * (a sign-off still pending or refused at the end is a problem). The one
 * right refusal is the one rightlyRefusedSignOffs excuses in an outbox,
 * stamped here instead: the order's operations changed since the technician
 * signed, so the signature no longer covers the work.
 */
export function alteredSignedRecords(server: RecordSet, ledger: SyncLedger): string[] {
  const problems: string[] = [];
  const orders = new Map(
    (server.repair_orders ?? []).map((order) => [order.id, order as unknown as RepairOrder]),
  );
  for (const collection of APPEND_ONLY_CHECKED) {
    const stored = byId(server[collection] ?? []);
    for (const [id, written] of ledger.written.get(collection) ?? []) {
      const record = stored.get(id);
      if (!record) continue; // reported as missing
      const { receivedAt, serverCheck, ...withoutReceipt } = record;
      const rightlyRefused =
        serverCheck === 'refused' &&
        withoutReceipt.serverCheckCode === 'SIGNOFF_CONTENT_MISMATCH' &&
        orderChangedSinceSigned(written as unknown as SignOff, orders);
      if (rightlyRefused) delete withoutReceipt.serverCheckCode;
      else if (serverCheck !== undefined && serverCheck !== 'valid')
        problems.push(`sign_offs/${id} is ${String(serverCheck)} on the server`);
      const stamped = collection === 'sign_offs';
      if (stamped && typeof receivedAt !== 'number')
        problems.push(`sign_offs/${id} has no server receipt time`);
      const signed = stamped ? (withoutReceipt as PlainRecord) : record;
      if (comparable(signed) !== comparable(written))
        problems.push(
          `${collection}/${id} was altered:\n  signed ${comparable(written)}\n  stored ${comparable(record)}`,
        );
    }
  }
  return problems;
}
