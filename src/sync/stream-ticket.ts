/**
 * Asks the server for a single-use live-stream ticket (src/schema/stream-ticket.ts)
 * with the tablet's access token in a header, so the stream's address carries
 * the ticket and never the token. One request per (re)connect: a ticket works once.
 */
import {
  PROTOCOL_HEADER,
  STREAM_TICKET_PATH,
  SYNC_PROTOCOL_VERSION,
  type StreamTicketResponse,
} from '../schema/index.js';
import type { AccessTokenSource } from './sync-http.js';

type TicketAnswer = { ticket: string } | { refusedWith: number };

async function askForTicket(baseUrl: string, accessToken: string): Promise<TicketAnswer> {
  const response = await fetch(`${baseUrl}${STREAM_TICKET_PATH}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${accessToken}`,
      [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
    },
    cache: 'no-store',
  });
  if (!response.ok) return { refusedWith: response.status };
  const { ticket } = (await response.json()) as StreamTicketResponse;
  return { ticket };
}

/**
 * A fresh ticket; after a 401 once more with a refreshed token, as every sync
 * request does. Null when there is no one to sign in as or the server refuses
 * (the caller retries later); throws when the server cannot be reached.
 */
export async function freshStreamTicket(
  baseUrl: string,
  tokens: AccessTokenSource,
): Promise<string | null> {
  const token = await tokens.accessToken();
  if (token === null) return null;
  const first = await askForTicket(baseUrl, token);
  if ('ticket' in first) return first.ticket;
  if (first.refusedWith !== 401) return null;
  const fresh = await tokens.refreshAfterUnauthorized();
  if (fresh === null) return null;
  const second = await askForTicket(baseUrl, fresh);
  return 'ticket' in second ? second.ticket : null;
}
