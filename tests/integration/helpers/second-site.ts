import { expect } from 'vitest';
import type { Role } from '../../../src/schema/index.js';
import { addSiteUser } from '../../../sync-server/auth/user-admin.js';
import {
  closeSqliteDatabase,
  openSqliteDatabase,
} from '../../../sync-server/database/sqlite-database.js';
import { insertSite } from '../../../sync-server/database/sqlite-directory.js';

/**
 * A second dealer site beside the demo one, written straight into the SQLite
 * file with its own users, for tests that check one site cannot reach another.
 */
export const NORTH = { id: 'north', name: 'North Motors 北方汽车' };
export const NORTH_PASSWORD = 'north-secret-1';
export const NORTH_PIN = '5678';

export interface UserToAdd {
  username: string;
  displayName: string;
  role: Role;
}

/** The site and its users, all with the same password and PIN, each added by the admin rules. */
export async function addSiteWithUsers(
  dataDir: string,
  site: { id: string; name: string },
  users: readonly UserToAdd[],
  secrets: { password: string; pin: string },
): Promise<void> {
  const database = openSqliteDatabase(dataDir);
  try {
    insertSite(database, site);
    for (const user of users) {
      const added = await addSiteUser(database, site.id, { ...user, ...secrets });
      expect(added.ok).toBe(true);
    }
  } finally {
    closeSqliteDatabase(database);
  }
}

/** The second site as most tests want it: its own `advisor1` and `admin`, the same names as the demo's. */
export function addNorthSite(dataDir: string): Promise<void> {
  return addSiteWithUsers(
    dataDir,
    NORTH,
    [
      { username: 'advisor1', displayName: 'Gao Yan 高燕', role: 'advisor' },
      { username: 'admin', displayName: 'Qian Bo 钱波', role: 'admin' },
    ],
    { password: NORTH_PASSWORD, pin: NORTH_PIN },
  );
}
