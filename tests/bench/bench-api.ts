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
}

declare global {
  interface Window {
    bench?: BenchApi;
  }
}
