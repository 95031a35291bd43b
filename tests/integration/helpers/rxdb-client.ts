import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import type { Observable } from 'rxjs';
import {
  SYNCED_COLLECTIONS,
  type RepairOrder,
  type SyncCheckpoint,
} from '../../../src/schema/index.js';
import { advisorToken } from './auth.js';
import { eventStream$ } from './sse-client.js';
import { pullPage, pushRows, streamUrl } from './sync-http.js';

/**
 * A tablet in a test: an in-memory RxDB database whose repair_orders
 * collection replicates with the server through RxDB's own replication loop,
 * signed in as the demo advisor.
 */
export interface TabletClient {
  orders: RxCollection<RepairOrder>;
  replication: RxReplicationState<RepairOrder, SyncCheckpoint>;
  close(): Promise<void>;
}

let databaseCounter = 0;
addRxPlugin(RxDBMigrationSchemaPlugin);

export async function startTabletClient(baseUrl: string): Promise<TabletClient> {
  databaseCounter += 1;
  const database: RxDatabase = await createRxDatabase({
    name: `tablet-${process.pid}-${databaseCounter}-${Date.now()}`,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
  });
  const { repair_orders: orders } = await database.addCollections({
    repair_orders: {
      schema: SYNCED_COLLECTIONS.repair_orders.schema as unknown as RxJsonSchema<RepairOrder>,
      migrationStrategies: { 1: (document: unknown) => document },
    },
  });
  const token = await advisorToken(baseUrl);
  const replication = replicateRxCollection<RepairOrder, SyncCheckpoint>({
    collection: orders as RxCollection<RepairOrder>,
    replicationIdentifier: `test-http-${baseUrl}`,
    live: true,
    retryTime: 200,
    waitForLeadership: false,
    pull: {
      batchSize: 50,
      async handler(checkpoint, batchSize) {
        const page = await pullPage(baseUrl, checkpoint?.sequence, batchSize, token);
        return { documents: page.documents, checkpoint: page.checkpoint ?? checkpoint };
      },
      // The server sends "RESYNC" first on every connection, then each write.
      stream$: eventStream$(() => streamUrl(baseUrl, token)) as Observable<never>,
    },
    push: {
      batchSize: 50,
      async handler(rows) {
        return (await pushRows(baseUrl, rows, token)).conflicts;
      },
    },
  });
  return {
    orders: orders as RxCollection<RepairOrder>,
    replication,
    async close() {
      await replication.cancel();
      await database.close();
    },
  };
}
