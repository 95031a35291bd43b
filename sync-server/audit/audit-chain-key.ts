import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';

/**
 * The HMAC key of the audit chain and its seals, kept OUTSIDE the database
 * file: `AUDIT_CHAIN_KEY` (64+ hex digits) when set, else DATA_DIR/audit-chain.key,
 * made with mode 0600 on first start. Someone holding only the database file (a
 * copy, a backup, SQL access) can then rewrite entries but not forge their MACs.
 * Someone holding the whole DATA_DIR holds the key too: set AUDIT_CHAIN_KEY from
 * elsewhere, and keep copies of the seals, against that (docs/security.md).
 */
export const AUDIT_CHAIN_KEY_FILE = 'audit-chain.key';
const KEY_BYTES = 32;
const HEX_KEY = /^(?:[0-9a-f]{2}){32,}$/i;

const keys = new WeakMap<Database, Buffer>();

/** DATA_DIR: the directory of the database file (the server and `npm run admin` both open it there). */
export function dataDirOf(database: Database): string {
  if (database.memory) throw new Error('the audit log needs a database file in DATA_DIR');
  return path.dirname(path.resolve(database.name));
}

function keyFromEnvironment(): Buffer | undefined {
  const text = process.env.AUDIT_CHAIN_KEY?.trim();
  if (!text) return undefined;
  if (!HEX_KEY.test(text)) {
    throw new Error('AUDIT_CHAIN_KEY must be at least 64 hex digits (32 bytes)');
  }
  return Buffer.from(text, 'hex');
}

/** Whether entries or chain starts were already made with some key. */
function hasKeyedEntries(database: Database): boolean {
  const table = (name: string) =>
    database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
  if (!table('audit_chain_starts')) return false;
  const start = database.prepare('SELECT 1 FROM audit_chain_starts LIMIT 1').get();
  const keyed = database.prepare('SELECT 1 FROM audit_log WHERE state_hash IS NOT NULL LIMIT 1');
  return start !== undefined || keyed.get() !== undefined;
}

function createKeyFile(database: Database, file: string): void {
  // A new key for a log keyed with a lost one would make every entry look forged.
  if (hasKeyedEntries(database)) {
    throw new Error(
      `${file} is missing, but the audit log was keyed with it: restore it (or set AUDIT_CHAIN_KEY)`,
    );
  }
  try {
    // 'wx': a second process (the server and `npm run admin`) racing here keeps the first key.
    fs.writeFileSync(file, `${randomBytes(KEY_BYTES).toString('hex')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function keyFromFile(database: Database): Buffer {
  const file = path.join(dataDirOf(database), AUDIT_CHAIN_KEY_FILE);
  if (!fs.existsSync(file)) createKeyFile(database, file);
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!HEX_KEY.test(text)) throw new Error(`${file} does not hold a hex key`);
  return Buffer.from(text, 'hex');
}

export function auditChainKeyOf(database: Database): Buffer {
  let key = keys.get(database);
  if (!key) {
    key = keyFromEnvironment() ?? keyFromFile(database);
    keys.set(database, key);
  }
  return key;
}
