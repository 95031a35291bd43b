/**
 * The tablet's one IndexedDB database for what it syncs: the records of every
 * collection the app opens (in the row format of RxDB's Dexie storage, so
 * RxDB's query planner reads them through lane-storage.ts), the outbox of
 * mutations, and the sync's bookkeeping (the pull checkpoint). Being one
 * database is the point: a save stores its record and its mutation, and a
 * pulled page its records and its checkpoint, in one IndexedDB transaction,
 * so no crash or closed tab can leave one without the other.
 *
 * Until version 5 of the app each collection and the outbox had a database of
 * their own; `moveEarlierDatabases` carries their rows over on first open.
 */
import Dexie, { type Table } from 'dexie';
import { fillWithDefaultSettings, type RxJsonSchema } from 'rxdb';
import { getDexieStoreSchema } from 'rxdb/plugins/storage-dexie';
import { SYNCED_COLLECTIONS } from '../schema/index.js';
import type { OutboxEntry } from './outbox-schema.js';
import {
  SHARED_COLLECTIONS,
  sharedCollectionSchema,
  type SharedCollectionName,
} from './record-layout.js';

/**
 * Raise it with every change of the tables or their indexes (a collection's
 * schema indexes included): IndexedDB changes indexes only in a version
 * upgrade. lane-store.test.ts holds the layout this number stands for.
 */
export const LANE_STORE_VERSION = 3;

/** A key and a number: the sync's bookkeeping (the pull checkpoint, which moves were made). */
export interface MetaRow {
  key: string;
  value: number | string;
}

export interface SentMarks {
  id: string;
  ids: string[];
}

export interface LaneStore {
  readonly dexie: Dexie;
  /** The outbox: primary key `id`; indexed by record (`[collectionName+documentId]`), updatedAt and refusedCode. */
  readonly mutations: Table<OutboxEntry, string>;
  readonly meta: Table<MetaRow, string>;
  /**
   * Which mutations a push may have sent (outbox.ts takeForPush): one row of
   * their ids, written once per push round, so marking a backlog sent is one
   * write rather than a rewrite of every mutation.
   */
  readonly sent: Table<SentMarks, string>;
  /** The collections stored here, by name, with their schema as RxDB fills it in. */
  readonly schemas: ReadonlyMap<string, RxJsonSchema<unknown>>;
  /** A collection's rows (RxDB's Dexie row format). */
  docs(collection: string): Table;
  attachments(collection: string): Table;
}

/** The schemas of the collections the app opens (record-layout.ts), at their current version. */
export function laneCollectionSchemas(): Map<string, RxJsonSchema<unknown>> {
  const schemas = new Map<string, RxJsonSchema<unknown>>([
    ['repair_orders', SYNCED_COLLECTIONS.repair_orders.schema as unknown as RxJsonSchema<unknown>],
  ]);
  for (const name of Object.keys(SHARED_COLLECTIONS) as SharedCollectionName[])
    schemas.set(name, sharedCollectionSchema(name));
  return new Map(
    [...schemas].map(([name, schema]) => [
      name,
      fillWithDefaultSettings(schema as never) as unknown as RxJsonSchema<unknown>,
    ]),
  );
}

export function laneStoreName(databaseName: string): string {
  return `${databaseName}--lane`;
}

const attachmentsTable = (collection: string) => `${collection}__attachments`;

/**
 * The table layout: each collection's indexes as RxDB's Dexie storage
 * declares them, less the two on the write time (`_meta.lwt`): they serve
 * RxDB's replication and cleanup, which the app does not use, and would cost
 * every write two index entries.
 */
export function laneStoreTables(
  schemas: ReadonlyMap<string, RxJsonSchema<unknown>>,
): Record<string, string> {
  const tables: Record<string, string> = {
    // An entry without a refusedCode is not in that index: listing refusals reads only them.
    mutations: 'id, updatedAt, [collectionName+documentId], refusedCode',
    sent: 'id',
    meta: 'key',
  };
  for (const [name, schema] of schemas) {
    tables[name] = getDexieStoreSchema(schema)
      .split(', ')
      .filter((index) => !index.startsWith('_meta.lwt') && !index.startsWith('[_meta.lwt+'))
      .join(', ');
    tables[attachmentsTable(name)] = 'id';
  }
  return tables;
}

/** On the page's IndexedDB (in the Node tests, fake-indexeddb's, installed as the global). */
export function openLaneStore(databaseName: string): LaneStore {
  const schemas = laneCollectionSchemas();
  const dexie = new Dexie(laneStoreName(databaseName));
  dexie.version(LANE_STORE_VERSION).stores(laneStoreTables(schemas));
  const table = (name: string) => {
    if (!schemas.has(name)) throw new Error(`no collection ${name} in the lane store`);
    return dexie.table(name);
  };
  return {
    dexie,
    mutations: dexie.table<OutboxEntry, string>('mutations'),
    meta: dexie.table<MetaRow, string>('meta'),
    sent: dexie.table<SentMarks, string>('sent'),
    schemas,
    docs: table,
    attachments: (name) => {
      table(name);
      return dexie.table(attachmentsTable(name));
    },
  };
}

/**
 * A tablet whose app kept each collection, and the outbox, in an IndexedDB
 * database of its own: their rows are copied here and the old databases
 * deleted. Safe to cut at any point: a database's rows and its "moved" mark
 * are written in one transaction, and an old database is deleted only after.
 * Returns how many rows were moved.
 */
/**
 * The schema version each collection had in the layout of one database per
 * collection (RxDB's Dexie storage names a database by it). Fixed: a tablet
 * may update from that layout past later schema versions.
 */
const EARLIER_LAYOUT_VERSIONS: Readonly<Record<string, number>> = { repair_orders: 2 };

export async function moveEarlierDatabases(
  store: LaneStore,
  databaseName: string,
): Promise<number> {
  let moved = 0;
  const earlier = [
    ...[...store.schemas].map(([name]) => ({
      old: `rxdb-dexie-${databaseName}--${EARLIER_LAYOUT_VERSIONS[name] ?? 0}--${name}`,
      tables: { docs: store.docs(name), attachments: store.attachments(name) },
    })),
    {
      old: `${databaseName}--outbox`,
      tables: { mutations: store.mutations, meta: store.meta },
    },
  ];
  for (const { old, tables } of earlier) {
    if (!(await Dexie.exists(old))) continue;
    const mark = `moved:${old}`;
    if (!(await store.meta.get(mark))) {
      const source = new Dexie(old);
      await source.open(); // no version given: Dexie opens the database as it is
      try {
        const rows = await Promise.all(
          Object.keys(tables).map(async (name) =>
            source.tables.some((table) => table.name === name) ? source.table(name).toArray() : [],
          ),
        );
        const targets = Object.values(tables);
        await store.dexie.transaction('rw', [...targets, store.meta], async () => {
          for (const [index, target] of targets.entries()) await target.bulkPut(rows[index] ?? []);
          await store.meta.put({ key: mark, value: Date.now() });
        });
        moved += rows.reduce((sum, list) => sum + list.length, 0);
      } finally {
        source.close();
      }
    }
    await Dexie.delete(old);
  }
  return moved;
}

/**
 * While RxDB migrates a collection of this store from an older schema
 * version, it reads that version through its Dexie storage, which creates an
 * empty database by the old version's name and leaves it. Such a database is
 * deleted here; one that holds rows not yet moved is left alone.
 */
export async function deleteEmptyOlderVersions(
  store: LaneStore,
  databaseName: string,
): Promise<void> {
  for (const [name, schema] of store.schemas) {
    for (let version = 0; version < schema.version; version++) {
      const old = `rxdb-dexie-${databaseName}--${version}--${name}`;
      if (!(await Dexie.exists(old))) continue;
      const source = new Dexie(old);
      await source.open();
      let rows = 0;
      try {
        for (const table of source.tables) rows += await table.count();
      } finally {
        source.close();
      }
      if (rows === 0 || (await store.meta.get(`moved:${old}`))) await Dexie.delete(old);
    }
  }
}
