import type { ServerResponse } from 'node:http';
import type { CollectionName } from '../../src/schema/index.js';
import type { ChangeFeed } from './change-feed.js';

/**
 * The open server-sent-event streams of this process: each relays its
 * collection's committed writes to one tablet, and all are ended on shutdown
 * so closing the server never waits on a tablet that stays connected.
 */
export const HEARTBEAT_INTERVAL_MS = 15_000;

export interface EventStreams {
  open(collection: CollectionName, response: ServerResponse): void;
  count(): number;
  closeAll(): void;
}

export function createEventStreams(feed: ChangeFeed): EventStreams {
  const closers = new Set<() => void>();
  return {
    open(collection, response) {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        // Tells reverse proxies (nginx) not to buffer the stream.
        'x-accel-buffering': 'no',
      });
      const send = (data: unknown) => response.write(`data: ${JSON.stringify(data)}\n\n`);
      // The tablet may have missed writes while it was away: tell it to pull.
      send('RESYNC');
      const unsubscribe = feed.subscribe(collection, send);
      const heartbeat = setInterval(() => response.write(': ping\n\n'), HEARTBEAT_INTERVAL_MS);
      const close = () => {
        if (!closers.delete(close)) return;
        clearInterval(heartbeat);
        unsubscribe();
        response.end();
      };
      closers.add(close);
      response.on('close', close);
    },
    count() {
      return closers.size;
    },
    closeAll() {
      for (const close of [...closers]) close();
    },
  };
}
