/**
 * Creates the tablet's one local store: RxDB on Dexie (IndexedDB), with a
 * collection per synced record type from src/schema plus the local outbox.
 * Every write is validated against the shared schema before it is stored.
 */
import { createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { SYNCED_COLLECTIONS, type RepairOrder } from '../schema/index.js';
import { createConflictHandler } from '../features/sync/conflict-handler.js';
import { outboxSchemaLiteral, type OutboxEntry } from './outbox-schema.js';

export interface LaneCollections {
  repair_orders: RxCollection<RepairOrder>;
  outbox: RxCollection<OutboxEntry>;
}
export type LaneDatabase = RxDatabase<LaneCollections>;

export const DATABASE_NAME = 'service-lane';

export interface CreateDatabaseOptions {
  name?: string;
  /** Another RxDB storage (tests in Node use the memory storage). */
  storage?: RxStorage<unknown, unknown>;
}

export async function createDatabase(options: CreateDatabaseOptions = {}): Promise<LaneDatabase> {
  if (import.meta.env?.DEV) {
    // Dev-mode loads a page from the internet: never in a production build.
    const { addRxPlugin } = await import('rxdb');
    const { RxDBDevModePlugin, disableWarnings } = await import('rxdb/plugins/dev-mode');
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
  }
  const database = await createRxDatabase<LaneCollections>({
    name: options.name ?? DATABASE_NAME,
    storage: wrappedValidateAjvStorage({ storage: options.storage ?? getRxStorageDexie() }),
    multiInstance: true,
    closeDuplicates: true,
  });
  await database.addCollections({
    repair_orders: {
      schema: SYNCED_COLLECTIONS.repair_orders.schema,
      conflictHandler: createConflictHandler<RepairOrder>(),
    },
    outbox: { schema: outboxSchemaLiteral },
  });
  return database;
}
