import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SYNC_PROTOCOL_VERSION,
  type PullResponse,
  type RepairOrder,
} from '../../src/schema/index.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { openEventStream, parseEventBlock } from './helpers/sse-client.js';
import { pushRows, syncUrl, toWire } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

type ChangeEvent = PullResponse<RepairOrder>;

function isChangeEvent(event: unknown): event is ChangeEvent {
  return typeof event === 'object' && event !== null && 'documents' in event;
}

describe('the live stream', () => {
  let server: TestServer;
  let streamUrl: string;
  beforeEach(async () => {
    server = await startTestServer();
    streamUrl = `${syncUrl(server.baseUrl, 'stream')}?protocol=${SYNC_PROTOCOL_VERSION}`;
  });
  afterEach(() => server.stop());

  it('is served as uncached server-sent events', async () => {
    const abort = new AbortController();
    const response = await fetch(streamUrl, { signal: abort.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    abort.abort();
  });

  it('the stream announces a write from another client', async () => {
    const stream = await openEventStream(streamUrl);
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
    const stream = await openEventStream(streamUrl);
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

  it('ends open streams when the server closes', async () => {
    const stream = await openEventStream(streamUrl);
    await stream.waitFor((event): event is 'RESYNC' => event === 'RESYNC');
    await server.app.close();
    await stream.ended;
  });

  it('parses multi-line data and skips heartbeat comments', () => {
    expect(parseEventBlock(': ping')).toBeUndefined();
    expect(parseEventBlock('data: {"a":\ndata: 1}')).toEqual({ a: 1 });
  });
});
