import { EventSource } from 'eventsource';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createDatabase, type LaneDatabase } from '../../../src/db/create-database.js';
import { startSync, type SyncController } from '../../../src/features/sync/replication.js';

// Node 20 has no EventSource; the app's sync code uses the browser's. This
// package implements the same WHATWG interface over Node's fetch.
globalThis.EventSource ??= EventSource as unknown as typeof globalThis.EventSource;

let tabletCounter = 0;

/**
 * A tablet running the app's own database and sync code (conflict handler,
 * outbox, replication) in Node, with in-memory storage instead of IndexedDB.
 * `goOffline` stops sync; `goOnline` resumes it from the stored checkpoints.
 */
export class AppTablet {
  private sync: SyncController | null = null;

  private constructor(
    readonly database: LaneDatabase,
    private readonly baseUrl: string,
  ) {}

  static async start(baseUrl: string, { online = true } = {}): Promise<AppTablet> {
    tabletCounter += 1;
    const database = await createDatabase({
      name: `app-tablet-${process.pid}-${tabletCounter}-${Date.now()}`,
      storage: getRxStorageMemory() as never,
    });
    const tablet = new AppTablet(database, baseUrl);
    if (online) tablet.goOnline();
    return tablet;
  }

  goOnline(): void {
    this.sync ??= startSync(this.database, this.baseUrl);
  }

  async goOffline(): Promise<void> {
    await this.sync?.stop();
    this.sync = null;
  }

  async settle(): Promise<void> {
    await this.sync?.awaitInSync();
  }

  async pendingCount(): Promise<number> {
    return this.database.outbox.count().exec();
  }

  async close(): Promise<void> {
    await this.goOffline();
    await this.database.close();
  }
}
