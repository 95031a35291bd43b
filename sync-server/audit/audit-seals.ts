import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { AuditSeal } from '../../src/schema/index.js';
import { auditChainKeyOf, dataDirOf } from './audit-chain-key.js';
import { GENESIS_HASH, auditMac } from './audit-entry.js';

/**
 * Seals of the audit chain: each site's head (last seq, its hash, the count,
 * the time) HMAC'd and appended as one JSON line to
 * DATA_DIR/audit-seals/<site>.jsonl, outside the database file. Cutting off the
 * newest entries leaves a valid chain, but not the one the last seal names.
 */
export const AUDIT_SEALS_DIR = 'audit-seals';
/** "At least daily": the server seals on start, then at this interval, and on demand. */
export const AUDIT_SEAL_INTERVAL_MS = 24 * 60 * 60 * 1000;

export type UnsealedHead = Omit<AuditSeal, 'mac'>;

export function auditSealMac(key: Buffer, seal: UnsealedHead): string {
  return auditMac(key, 'audit-seal', {
    siteId: seal.siteId,
    lastSeq: seal.lastSeq,
    lastHash: seal.lastHash,
    entries: seal.entries,
    sealedAt: seal.sealedAt,
  });
}

/** The last line of a site's seal file: `valid` false when it was not made with the key. */
export interface LastSeal {
  seal: AuditSeal | null;
  valid: boolean;
}

export interface AuditSealer {
  seal(siteId: string): AuditSeal;
  /** Every site with a name or an entry; what the start and the daily timer run. */
  sealAllSites(): AuditSeal[];
  lastSeal(siteId: string): LastSeal | null;
}

const isSealShaped = (value: unknown): value is AuditSeal => {
  const seal = value as Partial<AuditSeal> | null;
  return (
    typeof seal === 'object' &&
    seal !== null &&
    typeof seal.siteId === 'string' &&
    Number.isInteger(seal.lastSeq) &&
    typeof seal.lastHash === 'string' &&
    Number.isInteger(seal.entries) &&
    Number.isInteger(seal.sealedAt) &&
    typeof seal.mac === 'string'
  );
};

export function sealFileOf(dataDir: string, siteId: string): string {
  return path.join(dataDir, AUDIT_SEALS_DIR, `${encodeURIComponent(siteId)}.jsonl`);
}

export function createAuditSealer(database: Database): AuditSealer {
  const key = auditChainKeyOf(database);
  const dataDir = dataDirOf(database);
  // SQLite takes the bare column (hash) from the row that holds the MAX.
  const selectHead = database.prepare<
    [string],
    { entries: number; lastSeq: number | null; lastHash: string | null }
  >(
    'SELECT COUNT(*) AS entries, MAX(seq) AS lastSeq, hash AS lastHash FROM audit_log WHERE site_id = ?',
  );
  const selectSites = database
    .prepare<[], string>('SELECT id FROM sites UNION SELECT DISTINCT site_id FROM audit_log')
    .pluck();

  function seal(siteId: string): AuditSeal {
    const head = selectHead.get(siteId);
    const unsealed: UnsealedHead = {
      siteId,
      lastSeq: head?.lastSeq ?? 0,
      lastHash: head?.lastHash ?? GENESIS_HASH,
      entries: head?.entries ?? 0,
      sealedAt: Date.now(),
    };
    const sealed: AuditSeal = { ...unsealed, mac: auditSealMac(key, unsealed) };
    const file = sealFileOf(dataDir, siteId);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // Appended, never rewritten: the file's older lines are the log's history of heads.
    fs.appendFileSync(file, `${JSON.stringify(sealed)}\n`, { mode: 0o600 });
    return sealed;
  }

  function lastSeal(siteId: string): LastSeal | null {
    const file = sealFileOf(dataDir, siteId);
    if (!fs.existsSync(file)) return null;
    const line = fs.readFileSync(file, 'utf8').trimEnd().split('\n').at(-1) ?? '';
    if (line === '') return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return { seal: null, valid: false };
    }
    if (!isSealShaped(parsed)) return { seal: null, valid: false };
    const valid = parsed.siteId === siteId && auditSealMac(key, parsed) === parsed.mac;
    return { seal: parsed, valid };
  }

  return {
    seal,
    lastSeal,
    sealAllSites: () => selectSites.all().map(seal),
  };
}

/** Seals every site now and then daily until stopped (the timer never keeps the process up). */
export function startDailyAuditSeals(
  sealer: AuditSealer,
  onError: (error: unknown) => void,
): { stop(): void } {
  const sealAll = () => {
    try {
      sealer.sealAllSites();
    } catch (error) {
      onError(error);
    }
  };
  sealAll();
  const timer = setInterval(sealAll, AUDIT_SEAL_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
