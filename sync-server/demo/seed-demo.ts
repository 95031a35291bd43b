import type { Database } from 'better-sqlite3';
import {
  DEMO_PASSWORD,
  DEMO_PIN,
  DEMO_SITE,
  DEMO_USER,
  DEMO_USERS,
} from '../../src/schema/index.js';
import { hashSecret } from '../auth/secret-hash.js';
import type { DocumentStore } from '../database/document-store.js';
import { countSites, insertSite, insertUser } from '../database/sqlite-directory.js';
import { demoRepairOrders } from './demo-repair-orders.js';

/**
 * Fills an empty database with the demo dealer: its site, one user per role
 * and a few repair orders. Runs once (only while no site exists) and never in
 * production; the caller decides that.
 */
export interface SeedResult {
  seeded: boolean;
}

let demoHashes: Promise<{ passwordHash: string; pinHash: string }> | undefined;

/** Hashed once per process: the demo secrets are public, so users may share a salt. */
function hashDemoSecrets() {
  demoHashes ??= Promise.all([hashSecret(DEMO_PASSWORD), hashSecret(DEMO_PIN)]).then(
    ([passwordHash, pinHash]) => ({ passwordHash, pinHash }),
  );
  return demoHashes;
}

/** The demo site and its users, without orders; false when a site exists already. */
export async function seedDemoSite(database: Database): Promise<boolean> {
  if (countSites(database) > 0) return false;
  // Hash first: scrypt is async and a SQLite transaction must not await.
  const secrets = await hashDemoSecrets();
  const users = DEMO_USERS.map((user) => ({ ...user, ...secrets, siteId: DEMO_SITE.id }));
  return database
    .transaction(() => {
      // Checked again inside the transaction: another start may have seeded meanwhile.
      if (countSites(database) > 0) return false;
      insertSite(database, DEMO_SITE);
      for (const user of users) insertUser(database, user);
      return true;
    })
    .immediate();
}

export async function seedDemo(database: Database, documents: DocumentStore): Promise<SeedResult> {
  const orders = demoRepairOrders().map((order) => ({
    newDocumentState: { ...order, _deleted: false },
  }));
  const seeded = await seedDemoSite(database);
  // After the transaction: a push is judged by the rules (async), against the users just made.
  if (seeded) {
    const context = { siteId: DEMO_SITE.id, username: DEMO_USER.username, deviceId: 'demo-seed' };
    const { rejected } = await documents.push('repair_orders', orders, context);
    if (rejected[0]) throw new Error(`demo order refused: ${rejected[0].code}`);
  }
  return { seeded };
}
