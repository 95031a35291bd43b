import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrations.js';

/**
 * Opens (creating if needed) the server's SQLite file in WAL mode and brings
 * its schema up to date. One connection per process: SQLite's single writer.
 */
export const DATABASE_FILE_NAME = 'service-lane.sqlite';

export function openSqliteDatabase(dataDir: string): Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const database = new BetterSqlite3(path.join(dataDir, DATABASE_FILE_NAME));
  // First: switching to WAL and migrating take locks too, and another process (the
  // server, a second `npm run admin`) may hold one; wait for it rather than fail.
  database.pragma('busy_timeout = 15000');
  database.pragma('journal_mode = WAL');
  // FULL: a push the server has acknowledged survives a power cut too. The
  // tablet forgets an edit once acknowledged, so NORMAL could lose it for good.
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  migrate(database);
  return database;
}

/** Folds the WAL back into the main file and closes, so a stopped server leaves one file. */
export function closeSqliteDatabase(database: Database): void {
  if (!database.open) return;
  database.pragma('wal_checkpoint(TRUNCATE)');
  database.close();
}
