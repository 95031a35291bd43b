/**
 * Creates the tablet's local store: RxDB on Dexie (IndexedDB), with a
 * collection per synced record type from src/schema, and beside it the sync
 * engine's outbox (outbox-store.ts). Every record write is validated against
 * the shared schema before it is stored.
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
import {
  COLLECTION_NAMES,
  SYNCED_COLLECTIONS,
  type CheckInSheet,
  type DamageMark,
  type Photo,
  type RepairOrder,
  type Signature,
  type Job,
  type AddedWork,
  type Approval,
  type SignOff,
  type ReworkRecord,
} from '../schema/index.js';
import { rollRecordsForward } from './outbox.js';
import { wrappedPrecompiledValidation } from './validated-storage.js';
import { moveOutboxOutOfRxdb, openOutboxStore, type OutboxStore } from './outbox-store.js';

export interface LaneCollections {
  repair_orders: RxCollection<RepairOrder>;
  check_in_sheets: RxCollection<CheckInSheet>;
  damage_marks: RxCollection<DamageMark>;
  photos: RxCollection<Photo>;
  signatures: RxCollection<Signature>;
  jobs: RxCollection<Job>;
  added_work: RxCollection<AddedWork>;
  approvals: RxCollection<Approval>;
  sign_offs: RxCollection<SignOff>;
  rework_records: RxCollection<ReworkRecord>;
}
/** RxDB's database with the outbox beside it (not a collection: see outbox-store.ts). */
export type LaneDatabase = RxDatabase<LaneCollections> & { readonly outboxStore: OutboxStore };

export const DATABASE_NAME = 'service-lane';

/** Schema versions only ever add optional fields so far: old documents stay as they are. */
const keepAsIs = (document: unknown) => document;
const MIGRATIONS: Partial<
  Record<keyof LaneCollections, RxCollectionCreator['migrationStrategies']>
> = {
  repair_orders: { 1: keepAsIs, 2: keepAsIs },
  // Version 1: optional signerKeyId / signerSignature (schema/signer-signature.ts); on
  // sign-offs also the server's serverCheck stamp, on rework records the reason (reopenings).
  sign_offs: { 1: keepAsIs },
  approvals: { 1: keepAsIs },
  rework_records: { 1: keepAsIs },
  signatures: { 1: keepAsIs },
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
  const synced = Object.fromEntries(
    COLLECTION_NAMES.map((name) => [
      name,
      {
        schema: SYNCED_COLLECTIONS[name].schema,
        migrationStrategies: MIGRATIONS[name] ?? {},
      },
    ]),
  );
  await database.addCollections(synced);
  const outbox = openOutboxStore(database.name);
  // Not `outbox`: RxDB keeps a getter of that name once the old collection was opened.
  const lane: LaneDatabase = Object.assign(database, { outboxStore: outbox });
  try {
    await moveOutboxOutOfRxdb(database, outbox);
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
