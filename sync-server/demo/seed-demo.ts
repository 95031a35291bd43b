import type { Database } from 'better-sqlite3';
import { DEMO_PASSWORD, DEMO_PIN, DEMO_SITE, DEMO_USERS } from '../../src/schema/index.js';
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

export async function seedDemo(database: Database, documents: DocumentStore): Promise<SeedResult> {
  if (countSites(database) > 0) return { seeded: false };
  // Hash first: scrypt is async and a SQLite transaction must not await.
  const users = await Promise.all(
    DEMO_USERS.map(async (user) => ({
      ...user,
      siteId: DEMO_SITE.id,
      passwordHash: await hashSecret(DEMO_PASSWORD),
      pinHash: await hashSecret(DEMO_PIN),
    })),
  );
  const orders = demoRepairOrders().map((order) => ({
    newDocumentState: { ...order, _deleted: false },
  }));
  let seeded = false;
  database.transaction(() => {
    // Checked again inside the transaction: another start may have seeded meanwhile.
    if (countSites(database) > 0) return;
    insertSite(database, DEMO_SITE);
    for (const user of users) insertUser(database, user);
    documents.push('repair_orders', orders);
    seeded = true;
  })();
  return { seeded };
}
