import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Role, SiteDetails, SiteUser } from '../../src/schema/index.js';

/**
 * Sites and their people in SQLite: what seeding, sign-in, the admin API and
 * the admin command read and write. Hashes leave this file only inside a
 * UserRecord; what goes on the wire is a SiteUser.
 */
export interface NewUser {
  siteId: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  pinHash: string;
}

export interface UserRecord extends NewUser {
  id: string;
  active: boolean;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  active?: boolean;
  passwordHash?: string;
  pinHash?: string;
}

interface UserRow {
  id: string;
  site_id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  pin_hash: string;
  active: number;
}

const USER_COLUMNS = 'id, site_id, username, display_name, role, password_hash, pin_hash, active';

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    siteId: row.site_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    passwordHash: row.password_hash,
    pinHash: row.pin_hash,
    active: row.active === 1,
  };
}

export function toSiteUser(user: UserRecord): SiteUser {
  return {
    id: user.id,
    siteId: user.siteId,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    active: user.active,
  };
}

export function countSites(database: Database): number {
  return database.prepare<[], number>('SELECT COUNT(*) FROM sites').pluck().get() ?? 0;
}

export function siteExists(database: Database, siteId: string): boolean {
  return database.prepare('SELECT 1 FROM sites WHERE id = ?').pluck().get(siteId) !== undefined;
}

export function insertSite(
  database: Database,
  site: { id: string; name: string; address?: string; phone?: string },
): void {
  database
    .prepare('INSERT INTO sites (id, name, address, phone, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(site.id, site.name, site.address ?? '', site.phone ?? '', Date.now());
}

export function readSiteDetails(database: Database, siteId: string): SiteDetails | undefined {
  return database
    .prepare<[string], SiteDetails>('SELECT id, name, address, phone FROM sites WHERE id = ?')
    .get(siteId);
}

/** Writes the site's details; the caller audits the change in the same transaction. */
export function writeSiteDetails(database: Database, site: SiteDetails): void {
  database
    .prepare('UPDATE sites SET name = ?, address = ?, phone = ? WHERE id = ?')
    .run(site.name, site.address, site.phone, site.id);
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

/** Everyone with this username, at any site: sign-in may not know the site yet. */
export function findUsersByUsername(database: Database, username: string): UserRecord[] {
  return database
    .prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE username = ?`)
    .all(username)
    .map(toRecord);
}

export function findUser(
  database: Database,
  siteId: string,
  username: string,
): UserRecord | undefined {
  const row = database
    .prepare<[string, string], UserRow>(
      `SELECT ${USER_COLUMNS} FROM users WHERE site_id = ? AND username = ?`,
    )
    .get(siteId, username);
  return row && toRecord(row);
}

export function findUserById(database: Database, id: string): UserRecord | undefined {
  const row = database
    .prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`)
    .get(id);
  return row && toRecord(row);
}

export function listSiteUsers(database: Database, siteId: string): SiteUser[] {
  return database
    .prepare<[string], UserRow>(
      `SELECT ${USER_COLUMNS} FROM users WHERE site_id = ? ORDER BY username`,
    )
    .all(siteId)
    .map((row) => toSiteUser(toRecord(row)));
}

export function countActiveAdmins(database: Database, siteId: string): number {
  return (
    database
      .prepare<[string], number>(
        "SELECT COUNT(*) FROM users WHERE site_id = ? AND role = 'admin' AND active = 1",
      )
      .pluck()
      .get(siteId) ?? 0
  );
}

const CHANGE_COLUMNS: Record<keyof UserChanges, string> = {
  displayName: 'display_name',
  role: 'role',
  active: 'active',
  passwordHash: 'password_hash',
  pinHash: 'pin_hash',
};

export function updateUser(database: Database, id: string, changes: UserChanges): void {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as [
    keyof UserChanges,
    string | boolean,
  ][];
  if (entries.length === 0) return;
  const assignments = entries.map(([key]) => `${CHANGE_COLUMNS[key]} = ?`).join(', ');
  const values = entries.map(([, value]) => (typeof value === 'boolean' ? Number(value) : value));
  database.prepare(`UPDATE users SET ${assignments} WHERE id = ?`).run(...values, id);
}
