import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse, RepairOrder } from '../../src/schema/index.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { advisorToken } from './helpers/auth.js';
import { openEventStream, parseEventBlock } from './helpers/sse-client.js';
import { pushRows, streamUrl, toWire } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

type ChangeEvent = PullResponse<RepairOrder>;

function isChangeEvent(event: unknown): event is ChangeEvent {
  return typeof event === 'object' && event !== null && 'documents' in event;
}

describe('the live stream', () => {
  let server: TestServer;
  /** A fresh address each time: its ticket opens one stream. */
  let freshStreamUrl: (collection?: string) => Promise<string>;
  beforeEach(async () => {
    server = await startTestServer();
    const token = await advisorToken(server.baseUrl);
    freshStreamUrl = (collection) => streamUrl(server.baseUrl, token, collection);
  });
  afterEach(() => server.stop());

  it('is served as uncached server-sent events', async () => {
    const abort = new AbortController();
    const response = await fetch(await freshStreamUrl(), { signal: abort.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    abort.abort();
  });

  it('the stream announces a write from another client', async () => {
    const stream = await openEventStream(await freshStreamUrl());
    await stream.waitFor((event): event is 'RESYNC' => event === 'RESYNC');

    const order = toWire(makeRepairOrder());
    await pushRows(server.baseUrl, [{ newDocumentState: order }]);

    const announced = await stream.waitFor(isChangeEvent);
    expect(announced).toEqual({ documents: [order], checkpoint: { sequence: 1 } });
    stream.close();
  });

  it('announces only written rows: a conflict or an identical resend is not announced', async () => {
    const order = toWire(makeRepairOrder());
    await pushRows(server.baseUrl, [{ newDocumentState: order }]);
    const stream = await openEventStream(await freshStreamUrl());
    await stream.waitFor((event): event is 'RESYNC' => event === 'RESYNC');

    const conflicting = { ...order, status: 'ready' as const };
    const fresh = toWire(makeRepairOrder());
    await pushRows(server.baseUrl, [
      { newDocumentState: order },
      { newDocumentState: conflicting },
      { newDocumentState: fresh },
    ]);

    const announced = await stream.waitFor(isChangeEvent);
    expect(announced).toEqual({ documents: [fresh], checkpoint: { sequence: 2 } });
    expect(stream.events).toEqual(['RESYNC', announced]);
    stream.close();
  });

  it('one stream carries every collection, each event naming its collection', async () => {
    // The app's way: a browser has six connections per server, fewer than the collections.
    const stream = await openEventStream(await freshStreamUrl('all'));
    await stream.waitFor((event): event is 'RESYNC' => event === 'RESYNC');

    const order = toWire(makeRepairOrder());
    await pushRows(server.baseUrl, [{ newDocumentState: order }]);

    const announced = await stream.waitFor(isChangeEvent);
    expect(announced).toEqual({
      collection: 'repair_orders',
      documents: [order],
      checkpoint: { sequence: 1 },
    });
    stream.close();
  });

  it('ends open streams when the server closes', async () => {
    const stream = await openEventStream(await freshStreamUrl());
    await stream.waitFor((event): event is 'RESYNC' => event === 'RESYNC');
    await server.app.close();
    await stream.ended;
  });

  it('parses multi-line data and skips heartbeat comments', () => {
    expect(parseEventBlock(': ping')).toBeUndefined();
    expect(parseEventBlock('data: {"a":\ndata: 1}')).toEqual({ a: 1 });
  });
});
