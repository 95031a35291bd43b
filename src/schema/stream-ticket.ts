import { API_BASE } from './protocol.js';

/**
 * The live stream's entrance ticket. EventSource cannot send headers, so the
 * stream's address carries a credential; an access token there would end up
 * in logs and proxies, so the tablet trades its token (Bearer) for a ticket
 * that opens one stream, once, within a minute.
 */
export const STREAM_TICKET_PATH = `${API_BASE}/sync/stream-ticket`;

/** The query parameter of the stream's address that carries the ticket. */
export const STREAM_TICKET_PARAMETER = 'ticket';

export interface StreamTicketResponse {
  ticket: string;
  /** Milliseconds since the epoch (server clock); the ticket is refused from then on. */
  expiresAt: number;
}
