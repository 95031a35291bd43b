import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AuditChainVerdict } from '../../src/schema/index.js';
import { GENESIS_HASH, auditEntryHash } from './audit-entry.js';
import { auditEntryOfRow, type AuditLogReader, type AuditRow } from './sqlite-audit-log.js';

/**
 * Walks one site's audit chain from its first entry: every entry must hash to
 * its stored hash and name the previous entry's hash. A changed entry fails
 * its own hash; a deleted one leaves the next entry pointing at a hash that is
 * gone. (Cutting off the newest entries leaves no trace in the chain itself:
 * an exported copy's last hash is the anchor for that.)
 */
export type { AuditChainVerdict as ChainVerdict } from '../../src/schema/index.js';

const PAGE_SIZE = 1000;

function entryHolds(row: AuditRow, expectedPrevHash: string): boolean {
  const entry = auditEntryOfRow(row);
  // The stored text must be exactly what the writer wrote: JSON of the list.
  if (row.changed_fields !== JSON.stringify(entry.changedFields)) return false;
  return entry.prevHash === expectedPrevHash && auditEntryHash(entry) === entry.hash;
}

export async function verifyAuditChain(
  reader: AuditLogReader,
  siteId: string,
): Promise<AuditChainVerdict> {
  let entries = 0;
  let firstBrokenSeq: number | undefined;
  let expectedPrevHash = GENESIS_HASH;
  let afterSeq = 0;
  for (;;) {
    const rows = reader.rows(siteId, afterSeq, PAGE_SIZE);
    for (const row of rows) {
      entries += 1;
      if (firstBrokenSeq === undefined && !entryHolds(row, expectedPrevHash)) {
        firstBrokenSeq = row.seq;
      }
      expectedPrevHash = row.hash;
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE_SIZE) break;
    afterSeq = last.seq;
    // A long log is walked in pages, letting pushes in between.
    await nextTurn();
  }
  return firstBrokenSeq === undefined
    ? { ok: true, entries }
    : { ok: false, entries, firstBrokenSeq };
}
