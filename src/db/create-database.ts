/**
 * Creates the tablet's local store: RxDB, with the record types of src/schema
 * in three collections (record-layout.ts), stored with the outbox and the
 * sync's bookkeeping in one IndexedDB database (lane-store.ts, through
 * lane-storage.ts). Every record write is validated against its type's
 * schema before it is stored.
 */
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxCollectionCreator,
  type RxDatabase,
} from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { SYNCED_COLLECTIONS, type RepairOrder } from '../schema/index.js';
import { rollRecordsForward } from './outbox.js';
import { moveOutboxOutOfRxdb } from './outbox-store.js';
import {
  deleteEmptyOlderVersions,
  moveEarlierDatabases,
  openLaneStore,
  type LaneStore,
} from './lane-store.js';
import { laneStorage, type LaneStorage } from './lane-storage.js';
import { SHARED_COLLECTIONS, sharedCollectionSchema } from './record-layout.js';
import { moveRecordsIntoSharedCollections } from './record-layout-upgrade.js';
import { recordSets, type RecordSets } from './record-sets.js';

/** The collections the app opens (record-layout.ts); records are reached through `records`. */
export type LaneCollections = {
  repair_orders: RxCollection<RepairOrder>;
  order_records: RxCollection;
  signed_records: RxCollection;
};
/** RxDB's database, a RecordSet per record type, and the store under it (the outbox's too). */
export type LaneDatabase = RxDatabase<LaneCollections> & {
  readonly records: RecordSets;
  readonly laneStore: LaneStore;
  readonly laneStorage: LaneStorage;
};

export const DATABASE_NAME = 'service-lane';

/**
 * Repair order schema versions 1–3 only added optional fields: old documents
 * stay as they are. A version that changes a field's shape needs a strategy
 * of its own here.
 */
const keepAsIs = (document: unknown) => document;
function repairOrderMigrations(version: number): RxCollectionCreator['migrationStrategies'] {
  return Object.fromEntries(Array.from({ length: version }, (_, index) => [index + 1, keepAsIs]));
}

export interface CreateDatabaseOptions {
  /** The database's name (tests and the bench give each tablet its own). */
  name?: string;
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
  const name = options.name ?? DATABASE_NAME;
  const store = openLaneStore(name);
  try {
    await moveEarlierDatabases(store, name);
  } catch (error) {
    store.dexie.close();
    throw error;
  }
  const storage = laneStorage(store);
  const database = await createRxDatabase<LaneCollections>({
    name,
    storage,
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
      migrationStrategies: repairOrderMigrations(SYNCED_COLLECTIONS.repair_orders.schema.version),
    },
    ...shared,
  });
  const records = recordSets(database.collections);
  const lane: LaneDatabase = Object.assign(database, {
    records,
    laneStore: store,
    laneStorage: storage,
  });
  try {
    await deleteEmptyOlderVersions(store, name);
    await moveRecordsIntoSharedCollections(lane);
    await moveOutboxOutOfRxdb(lane, store);
    await rollRecordsForward(lane);
  } catch (error) {
    await database.close();
    store.dexie.close();
    throw error;
  }
  database.onClose.push(() => store.dexie.close());
  return lane;
}

/** Removes the tablet's data for good: RxDB's databases and the store (tests, the bench). */
export async function removeDatabase(database: LaneDatabase): Promise<void> {
  await database.remove();
  await database.laneStore.dexie.delete();
}
