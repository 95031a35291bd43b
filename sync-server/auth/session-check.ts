import type { Database } from 'better-sqlite3';
import type { ErrorCode } from '../../src/schema/index.js';
import { findUserById } from '../database/sqlite-directory.js';
import type { AuthOutcome, RequestAuth } from './auth-service.js';
import { deviceStatus } from './devices.js';
import { chainLiveness } from './refresh-tokens.js';
import type { TicketHolder } from './stream-tickets.js';

/**
 * Whether a sign-in still counts, asked on every request (from its access
 * token's claims or its stream ticket) and before each live-stream event: the
 * user active at the same site, the tablet enrolled, the sign-in chain not
 * revoked. Answers who is asking as the server's records say now.
 */
export type SessionCheck = (session: TicketHolder) => AuthOutcome<RequestAuth>;

function refused(code: ErrorCode): AuthOutcome<RequestAuth> {
  return { ok: false, status: 401, code };
}

export function createSessionCheck(database: Database): SessionCheck {
  const isChainLive = chainLiveness(database);
  return ({ userId, siteId, deviceId, chainId }) => {
    const user = findUserById(database, userId);
    if (!user || user.siteId !== siteId) return refused('TOKEN_INVALID');
    if (!user.active) return refused('USER_INACTIVE');
    const device = deviceStatus(database, deviceId);
    if (device === 'revoked') return refused('DEVICE_REVOKED');
    // A token from before tablets were enrolled: the tablet is asked to enrol, not told it was revoked.
    if (device === 'unknown') return refused('DEVICE_NOT_ENROLLED');
    // Its refresh token was reused: whoever holds this one may be the thief.
    if (!isChainLive(chainId)) return refused('TOKEN_INVALID');
    // Role and name as they are now: a change by the admin applies without waiting for expiry.
    return {
      ok: true,
      value: {
        userId: user.id,
        username: user.username,
        role: user.role,
        siteId: user.siteId,
        deviceId,
        chainId,
      },
    };
  };
}
