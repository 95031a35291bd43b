/**
 * Creates the tablet's local store: RxDB on Dexie (IndexedDB), with the
 * record types of src/schema in three collections (record-layout.ts), and
 * beside it the sync engine's outbox (outbox-store.ts). Every record write
 * is validated against its type's schema before it is stored.
 */
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxCollectionCreator,
  type RxDatabase,
  type RxStorage,
} from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { SYNCED_COLLECTIONS, type RepairOrder } from '../schema/index.js';
import { rollRecordsForward } from './outbox.js';
import { wrappedPrecompiledValidation } from './validated-storage.js';
import { moveOutboxOutOfRxdb, openOutboxStore, type OutboxStore } from './outbox-store.js';
import { SHARED_COLLECTIONS, sharedCollectionSchema } from './record-layout.js';
import { moveRecordsIntoSharedCollections } from './record-layout-upgrade.js';
import { recordSets, type RecordSets } from './record-sets.js';

/** The collections the app opens (record-layout.ts); records are reached through `records`. */
export type LaneCollections = {
  repair_orders: RxCollection<RepairOrder>;
  order_records: RxCollection;
  signed_records: RxCollection;
};
/** RxDB's database, a RecordSet per record type, and the outbox beside it (outbox-store.ts). */
export type LaneDatabase = RxDatabase<LaneCollections> & {
  readonly records: RecordSets;
  readonly outboxStore: OutboxStore;
};

export const DATABASE_NAME = 'service-lane';

/** Schema versions only ever add optional fields so far: old documents stay as they are. */
const keepAsIs = (document: unknown) => document;
const REPAIR_ORDER_MIGRATIONS: RxCollectionCreator['migrationStrategies'] = {
  1: keepAsIs,
  2: keepAsIs,
};

export interface CreateDatabaseOptions {
  name?: string;
  /** Another RxDB storage (tests in Node use the memory storage). */
  storage?: RxStorage<unknown, unknown>;
}

addRxPlugin(RxDBMigrationSchemaPlugin);
// Local documents: tablet-only bookkeeping of sync (the pull checkpoints), not a collection.
addRxPlugin(RxDBLocalDocumentsPlugin);

export async function createDatabase(options: CreateDatabaseOptions = {}): Promise<LaneDatabase> {
  if (import.meta.env?.DEV) {
    // Dev-mode loads a page from the internet: never in a production build.
    const { RxDBDevModePlugin, disableWarnings } = await import('rxdb/plugins/dev-mode');
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
  }
  const database = await createRxDatabase<LaneCollections>({
    name: options.name ?? DATABASE_NAME,
    storage: wrappedPrecompiledValidation({ storage: options.storage ?? getRxStorageDexie() }),
    multiInstance: true,
    closeDuplicates: true,
    localDocuments: true,
  });
  const shared = Object.fromEntries(
    (Object.keys(SHARED_COLLECTIONS) as (keyof typeof SHARED_COLLECTIONS)[]).map((name) => [
      name,
      { schema: sharedCollectionSchema(name) },
    ]),
  );
  await database.addCollections({
    repair_orders: {
      schema: SYNCED_COLLECTIONS.repair_orders.schema,
      migrationStrategies: REPAIR_ORDER_MIGRATIONS,
    },
    ...shared,
  });
  const outbox = openOutboxStore(database.name);
  const records = recordSets(database.collections);
  // Not `outbox`: RxDB keeps a getter of that name once the old collection was opened.
  const lane: LaneDatabase = Object.assign(database, { records, outboxStore: outbox });
  try {
    await moveRecordsIntoSharedCollections(lane);
    await moveOutboxOutOfRxdb(lane, outbox);
    await rollRecordsForward(lane);
  } catch (error) {
    outbox.dexie.close();
    await database.close();
    throw error;
  }
  database.onClose.push(() => outbox.dexie.close());
  return lane;
}

/** Removes the tablet's data for good: RxDB's databases and the outbox's (tests, the bench). */
export async function removeDatabase(database: LaneDatabase): Promise<void> {
  await database.remove();
  await database.outboxStore.dexie.delete();
}
