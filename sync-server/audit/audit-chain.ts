import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Database } from 'better-sqlite3';
import {
  canonicalJson,
  type AuditChainProblem,
  type AuditChainVerdict,
} from '../../src/schema/index.js';
import { auditChainKeyOf } from './audit-chain-key.js';
import { GENESIS_HASH, auditEntryMac, legacyAuditEntryHash } from './audit-entry.js';
import { createAuditSealer, type AuditSealer } from './audit-seals.js';
import {
  createChainStartReader,
  type ChainStartReader,
  type KeyedChainStart,
} from './keyed-chain-start.js';
import {
  auditEntryOfRow,
  createSqliteAuditLogReader,
  type AuditLogReader,
  type AuditRow,
} from './sqlite-audit-log.js';

/**
 * Walks one site's audit chain from its first entry: every entry must carry
 * its MAC under the server's key (plain SHA-256 for entries from before
 * migration 6, up to the keyed start recorded then) and name the previous
 * entry's hash; then the last seal must name an entry the chain still holds,
 * with the same hash and the same count up to it. A changed entry fails its
 * MAC; a deleted one leaves the next pointing at a hash that is gone; the
 * newest ones cut off leave the seal's head missing.
 */
export type { AuditChainVerdict as ChainVerdict } from '../../src/schema/index.js';

const PAGE_SIZE = 1000;

export interface AuditChainSources {
  reader: AuditLogReader;
  starts: ChainStartReader;
  sealer: AuditSealer;
  key: Buffer;
}

export function auditChainSourcesOf(database: Database): AuditChainSources {
  return {
    reader: createSqliteAuditLogReader(database),
    starts: createChainStartReader(database),
    sealer: createAuditSealer(database),
    key: auditChainKeyOf(database),
  };
}

/** The stored text must be exactly what the writer wrote. */
function storedAsWritten(row: AuditRow): boolean {
  const entry = auditEntryOfRow(row);
  if (row.changed_fields !== JSON.stringify(entry.changedFields)) return false;
  return row.written === null || row.written === canonicalJson(entry.written);
}

function legacyEntryHolds(row: AuditRow, expectedPrevHash: string): boolean {
  const entry = auditEntryOfRow(row);
  if (row.written !== null || row.state_hash !== null || !storedAsWritten(row)) return false;
  return entry.prevHash === expectedPrevHash && legacyAuditEntryHash(entry) === entry.hash;
}

function keyedEntryHolds(row: AuditRow, expectedPrevHash: string, key: Buffer): boolean {
  const { written, stateHash, hash, ...entry } = auditEntryOfRow(row);
  if (written === null || stateHash === null || !storedAsWritten(row)) return false;
  const mac = auditEntryMac({ ...entry, written, stateHash }, key);
  return entry.prevHash === expectedPrevHash && mac === hash;
}

interface Walk {
  entries: number;
  firstBrokenSeq?: number;
  /** The sealed head as the chain holds it: its hash, and how many entries up to it. */
  sealedHash?: string;
  countUpToSeal: number;
}

/** Whether the old, unkeyed part of the chain still ends where migration 6 recorded it. */
const legacyHeadHolds = (start: KeyedChainStart, seen: number, headHash: string) =>
  seen === start.legacyEntries && headHash === start.legacyHeadHash;

async function walkChain(
  sources: AuditChainSources,
  siteId: string,
  sealedSeq: number,
): Promise<Walk> {
  const found = sources.starts.startOf(siteId);
  const start = found?.start;
  const legacyUpTo = start?.legacyHeadSeq ?? 0;
  const walk: Walk = { entries: 0, countUpToSeal: 0 };
  const broken = (seq: number) => {
    walk.firstBrokenSeq ??= seq;
  };
  let legacySeen = 0;
  let keyedStarted = false;
  let expectedPrevHash = GENESIS_HASH;

  for (let afterSeq = 0; ;) {
    const rows = sources.reader.rows(siteId, afterSeq, PAGE_SIZE);
    for (const row of rows) {
      walk.entries += 1;
      // A forged start (its MAC fails) protects nothing: the chain breaks at its first entry.
      if (found && !found.valid) broken(row.seq);
      const legacy = row.seq <= legacyUpTo;
      if (legacy) legacySeen += 1;
      if (!legacy && !keyedStarted) {
        keyedStarted = true;
        // The first keyed entry must follow the old chain's recorded head, all of it there.
        if (start && !legacyHeadHolds(start, legacySeen, expectedPrevHash)) broken(row.seq);
      }
      const holds = legacy
        ? legacyEntryHolds(row, expectedPrevHash)
        : keyedEntryHolds(row, expectedPrevHash, sources.key);
      if (!holds) broken(row.seq);
      if (row.seq <= sealedSeq) walk.countUpToSeal += 1;
      if (row.seq === sealedSeq) walk.sealedHash = row.hash;
      expectedPrevHash = row.hash;
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE_SIZE) break;
    afterSeq = last.seq;
    // A long log is walked in pages, letting pushes in between.
    await nextTurn();
  }
  // Only old entries so far: their head must still be the recorded one.
  if (start && !keyedStarted && !legacyHeadHolds(start, legacySeen, expectedPrevHash)) {
    broken(start.legacyHeadSeq);
  }
  return walk;
}

export async function verifyAuditChain(
  sources: AuditChainSources,
  siteId: string,
): Promise<AuditChainVerdict> {
  const last = sources.sealer.lastSeal(siteId);
  const seal = last?.seal ?? null;
  const walk = await walkChain(sources, siteId, seal?.lastSeq ?? 0);
  const { entries, firstBrokenSeq } = walk;
  const refused = (problem: AuditChainProblem, seq?: number): AuditChainVerdict => ({
    ok: false,
    entries,
    problem,
    ...(seq === undefined ? {} : { firstBrokenSeq: seq }),
    seal,
  });
  if (firstBrokenSeq !== undefined) return refused('entry-changed', firstBrokenSeq);
  // Never sealed yet (e.g. only `npm run admin` has written): the chain alone is the check.
  if (!last) return { ok: true, entries, seal };
  if (!last.valid || !seal) return refused('seal-invalid');
  if (seal.lastSeq === 0)
    return seal.entries === 0 ? { ok: true, entries, seal } : refused('seal-invalid');
  if (walk.sealedHash === undefined) return refused('log-truncated', seal.lastSeq);
  if (walk.sealedHash !== seal.lastHash || walk.countUpToSeal !== seal.entries) {
    return refused('seal-mismatch', seal.lastSeq);
  }
  return { ok: true, entries, seal };
}
