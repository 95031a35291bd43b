import type { Database } from 'better-sqlite3';
import type { StreamTicketResponse } from '../../src/schema/index.js';
import { hashToken, isCanonicalRandomToken, newRandomToken } from './token-encoding.js';

/**
 * Single-use tickets for the live stream, whose address (EventSource sends no
 * headers) must not carry the access token. Kept in the database, as SHA-256
 * only: a tablet that fetched one just before a restart still gets in, and
 * `npm run admin` or a second process sees the same tickets.
 */
export const STREAM_TICKET_SECONDS = 60;

/** Whose sign-in a ticket stands for; checked again (active, enrolled, chain) when it is used. */
export interface TicketHolder {
  userId: string;
  siteId: string;
  deviceId: string;
  chainId: string;
}

interface TicketRow {
  user_id: string;
  site_id: string;
  device_id: string;
  chain_id: string;
  expires_at: number;
}

export interface StreamTickets {
  issue(holder: TicketHolder): StreamTicketResponse;
  /** The ticket's holder, once: the ticket is gone after this call, also when it had expired. */
  redeem(ticket: string): TicketHolder | null;
}

export function createStreamTickets(database: Database, now: () => number): StreamTickets {
  const insert = database.prepare(
    `INSERT INTO stream_tickets (ticket_hash, user_id, site_id, device_id, chain_id, expires_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const sweepExpired = database.prepare('DELETE FROM stream_tickets WHERE expires_at <= ?');
  // One statement finds and spends it: two streams racing with one ticket cannot both win.
  const take = database.prepare<[string], TicketRow>(
    `DELETE FROM stream_tickets WHERE ticket_hash = ?
     RETURNING user_id, site_id, device_id, chain_id, expires_at`,
  );

  return {
    issue(holder) {
      const issuedAt = now();
      sweepExpired.run(issuedAt);
      const ticket = newRandomToken();
      const expiresAt = issuedAt + STREAM_TICKET_SECONDS * 1000;
      const { userId, siteId, deviceId, chainId } = holder;
      insert.run(hashToken(ticket), userId, siteId, deviceId, chainId, expiresAt);
      return { ticket, expiresAt };
    },

    redeem(ticket) {
      if (!isCanonicalRandomToken(ticket)) return null;
      const row = take.get(hashToken(ticket));
      if (!row || row.expires_at <= now()) return null;
      return {
        userId: row.user_id,
        siteId: row.site_id,
        deviceId: row.device_id,
        chainId: row.chain_id,
      };
    },
  };
}
