import {
  API_BASE,
  PROTOCOL_HEADER,
  STREAM_TICKET_PATH,
  SYNC_PROTOCOL_VERSION,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type RepairOrder,
  type StreamTicketResponse,
  type WireDocument,
} from '../../../src/schema/index.js';
import { advisorToken, bearer } from './auth.js';

/**
 * The sync endpoints as a tablet calls them, over real HTTP. Without a token
 * given, requests are signed in as the demo advisor of the test server.
 */
export type WireOrder = WireDocument<RepairOrder>;

export const SYNC_HEADERS = {
  'content-type': 'application/json',
  [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
};

export function syncUrl(baseUrl: string, action: string, collection = 'repair_orders'): string {
  return `${baseUrl}${API_BASE}/sync/${collection}/${action}`;
}

/** A single-use live-stream ticket, asked for with the token in a header as the tablet does. */
export async function streamTicket(baseUrl: string, token: string): Promise<StreamTicketResponse> {
  const response = await fetch(`${baseUrl}${STREAM_TICKET_PATH}`, {
    method: 'POST',
    headers: { [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION), ...bearer(token) },
  });
  if (response.status !== 200) {
    throw new Error(`stream ticket: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as StreamTicketResponse;
}

/** The address of the live stream with `ticket`: one collection's, or with 'all' the app's one stream. */
export function ticketStreamUrl(
  baseUrl: string,
  ticket: string,
  collection = 'repair_orders',
): string {
  const query = new URLSearchParams({ protocol: String(SYNC_PROTOCOL_VERSION), ticket });
  const path =
    collection === 'all'
      ? `${baseUrl}${API_BASE}/sync/stream`
      : syncUrl(baseUrl, 'stream', collection);
  return `${path}?${query}`;
}

/** The live stream's address with a fresh ticket, as EventSource opens it (a ticket works once). */
export async function streamUrl(
  baseUrl: string,
  token: string,
  collection = 'repair_orders',
): Promise<string> {
  return ticketStreamUrl(baseUrl, (await streamTicket(baseUrl, token)).ticket, collection);
}

/** SYNC_HEADERS plus the access token (the demo advisor's unless given). */
export async function signedHeaders(
  baseUrl: string,
  token?: string,
): Promise<Record<string, string>> {
  return { ...SYNC_HEADERS, ...bearer(token ?? (await advisorToken(baseUrl))) };
}

export function toWire(order: RepairOrder, deleted = false): WireOrder {
  return { ...order, _deleted: deleted };
}

export async function pushRows(
  baseUrl: string,
  rows: PushRow<RepairOrder>[],
  token?: string,
): Promise<PushResponse<RepairOrder>> {
  const response = await fetch(syncUrl(baseUrl, 'push'), {
    method: 'POST',
    headers: await signedHeaders(baseUrl, token),
    body: JSON.stringify(rows),
  });
  if (response.status !== 200) throw new Error(`push: ${response.status} ${await response.text()}`);
  return (await response.json()) as PushResponse<RepairOrder>;
}

export async function pullPage(
  baseUrl: string,
  checkpoint: number | undefined,
  limit: number,
  token?: string,
): Promise<PullResponse<RepairOrder>> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (checkpoint !== undefined) query.set('checkpoint', String(checkpoint));
  const response = await fetch(`${syncUrl(baseUrl, 'pull')}?${query}`, {
    headers: await signedHeaders(baseUrl, token),
  });
  if (response.status !== 200) throw new Error(`pull: ${response.status} ${await response.text()}`);
  return (await response.json()) as PullResponse<RepairOrder>;
}

/** Every document on the server, paging to the end, and the last checkpoint. */
export async function pullAll(
  baseUrl: string,
  token?: string,
): Promise<{ documents: WireOrder[]; last: number }> {
  const documents: WireOrder[] = [];
  let checkpoint: number | undefined;
  for (;;) {
    const page = await pullPage(baseUrl, checkpoint, 500, token);
    documents.push(...page.documents);
    checkpoint = page.checkpoint?.sequence ?? checkpoint;
    if (page.documents.length < 500) return { documents, last: checkpoint ?? 0 };
  }
}
