import { EventSource } from 'eventsource';
import { createDatabase, type LaneDatabase } from '../../../src/db/create-database.js';
import { startSync, type SyncController } from '../../../src/sync/replication.js';
import type { AccessTokenSource } from '../../../src/sync/sync-http.js';
import { advisorLogin, staticTokens } from './auth.js';

// Node 20 has no EventSource; the app's sync code uses the browser's. This
// package implements the same WHATWG interface over Node's fetch.
globalThis.EventSource ??= EventSource as unknown as typeof globalThis.EventSource;

let tabletCounter = 0;

/**
 * A tablet running the app's own database and sync code (conflict handler,
 * outbox, replication) in Node, with in-memory storage instead of IndexedDB.
 * `goOffline` stops sync; `goOnline` resumes it from the stored checkpoints.
 * Signed in as the demo advisor unless given another token source.
 *
 * Tests with two tablets take turns, as people do with one device each:
 * `powerOff` one (its data stays, as on a tablet put away) before `powerOn`
 * of the other.
 */
export class AppTablet {
  private sync: SyncController | null = null;

  private constructor(
    private openDatabase: LaneDatabase,
    private readonly name: string,
    private readonly baseUrl: string,
    private readonly tokens: AccessTokenSource,
  ) {}

  get database(): LaneDatabase {
    return this.openDatabase;
  }

  private static open(name: string): Promise<LaneDatabase> {
    return createDatabase({ name });
  }

  static async start(
    baseUrl: string,
    { online = true, tokens }: { online?: boolean; tokens?: AccessTokenSource } = {},
  ): Promise<AppTablet> {
    tabletCounter += 1;
    const name = `app-tablet-${process.pid}-${tabletCounter}-${Date.now()}`;
    const signedIn = tokens ?? staticTokens(await advisorLogin(baseUrl));
    const tablet = new AppTablet(await AppTablet.open(name), name, baseUrl, signedIn);
    if (online) tablet.goOnline();
    return tablet;
  }

  goOnline(): void {
    this.sync ??= startSync(this.database, this.baseUrl, { tokens: this.tokens });
  }

  async goOffline(): Promise<void> {
    await this.sync?.stop();
    this.sync = null;
  }

  /** Stops sync and closes the app; the in-memory data stays for powerOn. */
  async powerOff(): Promise<void> {
    await this.goOffline();
    await this.openDatabase.close();
  }

  /** Opens the app again on the data it had, offline until goOnline. */
  async powerOn(): Promise<void> {
    if (!this.openDatabase.closed) return;
    this.openDatabase = await AppTablet.open(this.name);
  }

  async settle(): Promise<void> {
    await this.sync?.awaitInSync();
  }

  async pendingCount(): Promise<number> {
    return this.database.laneStore.mutations.count();
  }

  async close(): Promise<void> {
    await this.goOffline();
    await this.database.close();
  }
}
