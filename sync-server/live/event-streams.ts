import type { ServerResponse } from 'node:http';
import { COLLECTION_NAMES, type CollectionName } from '../../src/schema/index.js';
import type { ChangeEvent, ChangeFeed } from './change-feed.js';

/**
 * The open server-sent-event streams of this process: each relays committed
 * writes of one site to one tablet, for one collection or (the app's way)
 * for all of them on one connection, and all are ended on shutdown so
 * closing the server never waits on a tablet that stays connected.
 */
export const HEARTBEAT_INTERVAL_MS = 15_000;

/** Whose stream it is: only their site's documents reach it. */
export interface StreamViewer {
  siteId: string;
  userId: string;
  deviceId: string;
  /**
   * Asked before each event and heartbeat: false once the user is deactivated or
   * the tablet revoked, also by another process (`npm run admin`), and the stream ends.
   */
  stillAllowed: () => boolean;
}

/** One collection's events as they are, or every collection's, each naming its collection. */
export type StreamScope = CollectionName | 'all';

export interface EventStreams {
  open(scope: StreamScope, response: ServerResponse, viewer: StreamViewer): void;
  count(): number;
  /** Ends a deactivated user's streams; their tablet's reconnect is then refused. */
  closeUser(userId: string): void;
  /** Ends a revoked tablet's streams, whoever opened them. */
  closeDevice(deviceId: string): void;
  closeAll(): void;
}

/** The part of a committed write that belongs to one site; null when none does. */
function eventForSite(event: ChangeEvent, siteId: string): ChangeEvent | null {
  const documents = event.documents.filter((document) => document.siteId === siteId);
  return documents.length === 0 ? null : { documents, checkpoint: event.checkpoint };
}

function subscribeScope(
  feed: ChangeFeed,
  scope: StreamScope,
  viewer: StreamViewer,
  send: (data: unknown) => void,
): () => void {
  const collections = scope === 'all' ? COLLECTION_NAMES : [scope];
  const unsubscribers = collections.map((collection) =>
    feed.subscribe(collection, (event) => {
      const own = eventForSite(event, viewer.siteId);
      if (own) send(scope === 'all' ? { collection, ...own } : own);
    }),
  );
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}

export function createEventStreams(feed: ChangeFeed): EventStreams {
  const closers = new Map<() => void, StreamViewer>();
  return {
    open(scope, response, viewer) {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        // Tells reverse proxies (nginx) not to buffer the stream.
        'x-accel-buffering': 'no',
      });
      const heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_INTERVAL_MS);
      let unsubscribe = () => {};
      const close = () => {
        if (!closers.delete(close)) return;
        clearInterval(heartbeat);
        unsubscribe();
        response.end();
      };
      closers.set(close, viewer);
      response.on('close', close);
      function write(text: string) {
        if (viewer.stillAllowed()) response.write(text);
        else close();
      }
      const send = (data: unknown) => write(`data: ${JSON.stringify(data)}\n\n`);
      // The tablet may have missed writes while it was away: tell it to pull.
      send('RESYNC');
      if (closers.has(close)) unsubscribe = subscribeScope(feed, scope, viewer, send);
    },
    count() {
      return closers.size;
    },
    closeUser(userId) {
      for (const [close, viewer] of [...closers]) if (viewer.userId === userId) close();
    },
    closeDevice(deviceId) {
      for (const [close, viewer] of [...closers]) if (viewer.deviceId === deviceId) close();
    },
    closeAll() {
      for (const close of [...closers.keys()]) close();
    },
  };
}
