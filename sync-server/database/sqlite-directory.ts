import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Role } from '../../src/schema/index.js';

/**
 * Sites and their people in SQLite. Only what seeding needs for now; sign-in
 * and enrolment will read from here.
 */
export interface NewUser {
  siteId: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  pinHash: string;
}

export function countSites(database: Database): number {
  return database.prepare<[], number>('SELECT COUNT(*) FROM sites').pluck().get() ?? 0;
}

export function insertSite(database: Database, site: { id: string; name: string }): void {
  database
    .prepare('INSERT INTO sites (id, name, created_at) VALUES (?, ?, ?)')
    .run(site.id, site.name, Date.now());
}

export function insertUser(database: Database, user: NewUser): string {
  const id = randomUUID();
  database
    .prepare(
      `INSERT INTO users (id, site_id, username, display_name, role, password_hash, pin_hash, active, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`,
    )
    .run(
      id,
      user.siteId,
      user.username,
      user.displayName,
      user.role,
      user.passwordHash,
      user.pinHash,
      Date.now(),
    );
  return id;
}
