/**
 * What the bench page (tests/bench/browser) offers the Node runner through
 * `window.bench`. Only types: the page implements it, run-bench.ts calls it.
 */
export interface OrderSizes {
  minBytes: number;
  averageBytes: number;
  maxBytes: number;
}

/** One timed operation inside the page: `ms` is from the first write (or sync start) to done. */
export interface PageTiming {
  n: number;
  ms: number;
  sizes: OrderSizes;
}

/** Sync requests by kind: how many, and the summed time until each answer arrived. */
export interface RequestTally {
  push: { requests: number; waitedMs: number };
  pull: { requests: number; waitedMs: number };
}

export interface PushOutcome {
  /** From startSync() until awaitInSync() resolved, measured in the page. */
  inSyncMs: number;
  /** Outbox entries left after the push; 0 when every record was acknowledged. */
  outboxLeft: number;
  requests: RequestTally;
}

export interface PullOutcome {
  /** From startSync() until the tablet held all expected records. */
  ms: number;
  localCount: number;
  requests: RequestTally;
}

export interface BenchApi {
  /** The replication's batch sizes as the app ships them (PUSH_BATCH_SIZE, PULL_BATCH_SIZE). */
  batchSizes: { push: number; pull: number };
  /** Baseline: one Dexie bulkPut of n orders into a plain table, in one transaction. */
  rawDexieBulkPut(n: number): Promise<PageTiming>;
  /** The app's write path, `createRepairOrders(database, [order])` awaited for each order. */
  appWriteOneByOne(n: number): Promise<PageTiming>;
  /** The app's write path in chunks: `createRepairOrders(database, chunk)`. */
  appWriteBulk(n: number, chunkSize: number): Promise<PageTiming>;
  /** Untimed: opens `databaseName` and stores n orders while no sync runs. */
  createOfflineOrders(databaseName: string, n: number, chunkSize: number): Promise<OrderSizes>;
  /** Starts sync (signed in with the token) on the database createOfflineOrders opened; waits until in sync. */
  pushUntilInSync(accessToken: string): Promise<PushOutcome>;
  /** A fresh database: starts sync and waits until `expected` orders are stored locally. */
  pullUntilComplete(
    databaseName: string,
    expected: number,
    accessToken: string,
  ): Promise<PullOutcome>;
  /** Stops sync and removes the databases this page opened. */
  cleanUp(): Promise<void>;
  /** Untimed: a database of its own holding n orders, for timing edits. */
  storeOrdersForEdits(databaseName: string, n: number, chunkSize: number): Promise<void>;
  /** `count` one-field edits (`editRepairOrder`), each timed from the call until it resolved. */
  timeFieldEdits(count: number): Promise<number[]>;
  /** A database of its own, syncing live with the page's server as the token's user. */
  startLiveTablet(databaseName: string, accessToken: string): Promise<void>;
  /** Stores n orders and waits until the server holds them; their ids. */
  createOrdersInSync(n: number): Promise<string[]>;
  /** Resolves once the live tablet holds at least n orders. */
  awaitOrderCount(n: number): Promise<void>;
  /** Watches one order until its odometer reads km (see seenAt). */
  watchOdometer(id: string, km: number): Promise<void>;
  /** The wall-clock time (Date.now) the watched order reached the odometer watched for. */
  seenAt(): Promise<number>;
  /** Edits an order's odometer; the wall-clock time of the call. */
  editOdometer(id: string, km: number): Promise<number>;
  cleanUpEdits(): Promise<void>;
}

declare global {
  interface Window {
    bench?: BenchApi;
  }
}
