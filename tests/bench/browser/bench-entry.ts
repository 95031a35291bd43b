/**
 * The bench page: a production bundle of the app's data layer (no UI, no
 * service worker) that the Node runner drives through `window.bench`.
 */
import { PULL_BATCH_SIZE, PUSH_BATCH_SIZE } from '../../../src/sync/replication.js';
import type { BenchApi } from '../bench-api.js';
import { appWriteBulk, appWriteOneByOne, rawDexieBulkPut } from './local-writes.js';
import {
  awaitOrderCount,
  cleanUpEdits,
  createOrdersInSync,
  editOdometer,
  seenAt,
  startLiveTablet,
  storeOrdersForEdits,
  timeFieldEdits,
  watchOdometer,
} from './edit-timing.js';
import {
  cleanUpSync,
  createOfflineOrders,
  pullUntilComplete,
  pushUntilInSync,
} from './sync-timing.js';

// RxDB dev-mode adds checks on every write: timing it would not be timing the app users run.
if (import.meta.env.DEV) throw new Error('The bench page must be a production build.');

const bench: BenchApi = {
  batchSizes: { push: PUSH_BATCH_SIZE, pull: PULL_BATCH_SIZE },
  rawDexieBulkPut,
  appWriteOneByOne,
  appWriteBulk,
  createOfflineOrders,
  pushUntilInSync,
  pullUntilComplete,
  cleanUp: cleanUpSync,
  storeOrdersForEdits,
  timeFieldEdits,
  startLiveTablet,
  createOrdersInSync,
  awaitOrderCount,
  watchOdometer,
  seenAt,
  editOdometer,
  cleanUpEdits,
};
window.bench = bench;
