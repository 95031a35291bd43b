/**
 * One simulated tablet, in its own process (its own clock and network, as a
 * separate device): the app's database on IndexedDB and its replication,
 * driven over IPC by the fault-injection test.
 */
import { setClockSkew, setOnline } from './tablet-environment.js';
import { createDatabase, type LaneDatabase } from '../../../../src/db/create-database.js';
import { BlobStore } from '../../../../src/db/blob-store.js';
import { startSync, type SyncController } from '../../../../src/sync/replication.js';
import type { WorkshopUser } from '../../../../src/features/workshop/data.js';
import { setRecordSigner } from '../../../../src/features/session/index.js';
import type { CollectionName } from '../../../../src/schema/index.js';
import {
  addJobFinding,
  createOrder,
  dispatchOrder,
  editOrderField,
  selfCheck,
  signOrderCheckIn,
  snapshot,
} from './tablet-actions.js';
import { SyncJournal } from './sync-journal.js';
import type { TabletCommand, TabletNotice, TabletReply, TabletRequest } from './tablet-messages.js';

interface OpenApp {
  database: LaneDatabase;
  images: BlobStore;
  sync: SyncController;
}

const user: WorkshopUser = {
  username: process.env.TABLET_USER ?? '',
  siteId: process.env.TABLET_SITE ?? '',
  role: (process.env.TABLET_ROLE ?? 'advisor') as WorkshopUser['role'],
};
let connection: { database: string; baseUrl: string; accessToken: string } | null = null;
let app: OpenApp | null = null;
const journal = new SyncJournal();

async function openApp(): Promise<OpenApp> {
  if (!connection) throw new Error('open first');
  const { database: name, baseUrl, accessToken } = connection;
  const database = await createDatabase({ name });
  const images = new BlobStore(`${name}-blobs`);
  const tokens = {
    accessToken: async () => accessToken,
    refreshAfterUnauthorized: async () => null,
  };
  const sync = startSync(database, baseUrl, { tokens, blobs: images });
  journal.follow(sync);
  return { database, images, sync };
}

/**
 * Power cut in the middle of sync: nothing is awaited before the app goes,
 * requests in flight are abandoned; then the app opens on what IndexedDB kept.
 */
async function restart(current: OpenApp): Promise<OpenApp> {
  const stopping = current.sync.stop();
  const closing = current.database.close();
  current.images.close();
  await Promise.allSettled([stopping, closing]);
  return openApp();
}

async function closeApp({ sync, database, images }: OpenApp): Promise<void> {
  await sync.stop();
  await database.close();
  images.close();
}

function requireApp(): OpenApp {
  if (!app) throw new Error('the app is not open');
  return app;
}

async function run(command: TabletCommand): Promise<unknown> {
  switch (command.kind) {
    case 'open':
      if (app) await closeApp(app);
      connection = command;
      setRecordSigner(user, {
        keyId: command.signer.keyId,
        privateKey: await globalThis.crypto.subtle.importKey(
          'jwk',
          command.signer.privateKeyJwk,
          { name: 'ECDSA', namedCurve: 'P-256' },
          false,
          ['sign'],
        ),
      });
      app = await openApp();
      return null;
    case 'restart':
      app = await restart(requireApp());
      return null;
    case 'setClockSkew':
      return setClockSkew(command.skewMs);
    case 'setOnline':
      return setOnline(command.onLine);
    case 'blip':
      setOnline(true);
      return setOnline(false);
    case 'hasRecords': {
      const records = requireApp().database.records[command.collection as CollectionName];
      const found = await records.findByIds(command.ids);
      return command.ids.every((id) => found.has(id));
    }
    case 'createOrder':
      return createOrder(requireApp().database, user, command.concern);
    case 'editOrder': {
      const { orderId, path, value } = command;
      return editOrderField(requireApp().database, user, orderId, path, value);
    }
    case 'signCheckIn': {
      const { database, images } = requireApp();
      return signOrderCheckIn(database, user, images, command.orderId, command.signerName);
    }
    case 'dispatch':
      return dispatchOrder(requireApp().database, user, command.orderId, command.bay);
    case 'addFinding':
      return addJobFinding(requireApp().database, user, command.orderId, command.text);
    case 'selfCheck':
      return selfCheck(requireApp().database, user, command.orderId);
    case 'journal':
      return journal.about(command.id);
    case 'snapshot':
      return snapshot(requireApp().database);
    case 'awaitInSync': {
      const { sync } = requireApp();
      await sync.awaitInSync();
      await sync.blobUploads?.awaitUploaded();
      return null;
    }
    case 'close':
      if (app) await closeApp(app);
      app = null;
      return null;
  }
}

function send(message: TabletReply | TabletNotice): void {
  process.send?.(message);
}

async function answer(request: TabletRequest): Promise<void> {
  try {
    send({ requestId: request.requestId, ok: true, result: (await run(request)) ?? null });
  } catch (error) {
    const text = error instanceof Error ? `${error.stack ?? error.message}` : String(error);
    send({ requestId: request.requestId, ok: false, error: text });
  }
}

/** The network and the clock change whatever the user is doing. */
const OUTSIDE_THE_QUEUE = new Set<TabletCommand['kind']>(['setOnline', 'blip', 'setClockSkew']);

// Everything else runs one at a time, in the order sent, as one person uses one tablet.
let queue: Promise<unknown> = Promise.resolve();
process.on('message', (request: TabletRequest) => {
  if (OUTSIDE_THE_QUEUE.has(request.kind)) void answer(request);
  else queue = queue.then(() => answer(request));
});
process.on('unhandledRejection', (error) => {
  send({
    notice: 'unhandled',
    error: error instanceof Error ? (error.stack ?? '') : String(error),
  });
});
process.on('disconnect', () => process.exit(0));
