import type { Database } from 'better-sqlite3';
import { auditChainKeyOf } from './audit-chain-key.js';
import { auditMac } from './audit-entry.js';

/**
 * Where each site's keyed chain starts (table audit_chain_starts, migration 6).
 * Entries written before migration 6 are left exactly as they were, plain
 * SHA-256: re-chaining them under the key would launder any change made to
 * them before the upgrade. Instead the head of each site's old chain (its
 * entry count, last seq and hash) is recorded here under the key, so an old
 * entry rewritten later no longer reaches that head, and a new entry cannot be
 * passed off as an old, unkeyed one.
 */
export interface KeyedChainStart {
  siteId: string;
  /** Entries the site had before the chain was keyed. */
  legacyEntries: number;
  legacyHeadSeq: number;
  legacyHeadHash: string;
  mac: string;
}

interface StartRow {
  site_id: string;
  legacy_entries: number;
  legacy_head_seq: number;
  legacy_head_hash: string;
  mac: string;
}

const startMac = (key: Buffer, start: Omit<KeyedChainStart, 'mac'>) =>
  auditMac(key, 'audit-chain-start', {
    siteId: start.siteId,
    legacyEntries: start.legacyEntries,
    legacyHeadSeq: start.legacyHeadSeq,
    legacyHeadHash: start.legacyHeadHash,
  });

/** Run once, by migration 6, inside its transaction: one start per site that has old entries. */
export function recordKeyedChainStarts(database: Database): void {
  const heads = database
    .prepare<[], Omit<StartRow, 'mac'>>(
      // SQLite takes the bare column (hash) from the row that holds the MAX.
      `SELECT site_id, COUNT(*) AS legacy_entries, MAX(seq) AS legacy_head_seq,
         hash AS legacy_head_hash
       FROM audit_log GROUP BY site_id`,
    )
    .all();
  if (heads.length === 0) return;
  const key = auditChainKeyOf(database);
  const insert = database.prepare(
    `INSERT INTO audit_chain_starts (site_id, legacy_entries, legacy_head_seq, legacy_head_hash, mac)
     VALUES (?, ?, ?, ?, ?)`,
  );
  for (const head of heads) {
    const start = {
      siteId: head.site_id,
      legacyEntries: head.legacy_entries,
      legacyHeadSeq: head.legacy_head_seq,
      legacyHeadHash: head.legacy_head_hash,
    };
    insert.run(
      start.siteId,
      start.legacyEntries,
      start.legacyHeadSeq,
      start.legacyHeadHash,
      startMac(key, start),
    );
  }
}

export interface ChainStartReader {
  /** The site's start, or undefined when all its entries are keyed; `valid` says whether its MAC holds. */
  startOf(siteId: string): { start: KeyedChainStart; valid: boolean } | undefined;
}

export function createChainStartReader(database: Database): ChainStartReader {
  const key = auditChainKeyOf(database);
  const select = database.prepare<[string], StartRow>(
    'SELECT * FROM audit_chain_starts WHERE site_id = ?',
  );
  return {
    startOf(siteId) {
      const row = select.get(siteId);
      if (!row) return undefined;
      const start: KeyedChainStart = {
        siteId: row.site_id,
        legacyEntries: row.legacy_entries,
        legacyHeadSeq: row.legacy_head_seq,
        legacyHeadHash: row.legacy_head_hash,
        mac: row.mac,
      };
      return { start, valid: startMac(key, start) === start.mac };
    },
  };
}
