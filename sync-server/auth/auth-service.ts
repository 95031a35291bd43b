import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  AUTH_LIMITS,
  type EnrolRequest,
  type EnrolResponse,
  type ErrorCode,
  type LoginRequest,
  type LoginResponse,
  type RefreshRequest,
  type RefreshResponse,
  type Role,
  type StreamTicketResponse,
} from '../../src/schema/index.js';
import {
  findUserById,
  findUsersByUsername,
  toSiteUser,
  type UserRecord,
} from '../database/sqlite-directory.js';
import {
  recordSignIn,
  recordSignInRefused,
  type RefusedSignIn,
} from '../audit/admin-audit-events.js';
import { signAccessToken, verifyAccessToken } from './access-token.js';
import { deviceWithToken, enrolDevice, normaliseDeviceName, touchDevice } from './devices.js';
import { createLoginLimiter } from './login-limiter.js';
import {
  findRefreshToken,
  issueRefreshToken,
  revokeRefreshToken,
  revokeTokenChain,
  startTokenChain,
  type StoredRefreshToken,
  type TokenChain,
} from './refresh-tokens.js';
import { createSessionCheck } from './session-check.js';
import { createStreamTickets } from './stream-tickets.js';
import { hashSecret, verifySecret } from './secret-hash.js';
import { loadAccessTokenKey } from './token-key.js';

/**
 * Sign-in on the server: enrolling a tablet, password sign-in on an enrolled
 * tablet, refresh, and the check of the access token (and of its tablet's
 * enrolment) on every protected request. Returns outcomes with stable
 * codes; the HTTP routes only translate them.
 */
export interface AuthOptions {
  /** Lifetime of an access token (default AUTH_LIMITS.accessTokenSeconds). */
  accessTokenSeconds?: number;
  /** The server clock in ms; tests move it to expire tokens. */
  now?: () => number;
}

/** Who made a request, from a valid access token and the user's current record. */
export interface RequestAuth {
  userId: string;
  username: string;
  role: Role;
  siteId: string;
  deviceId: string;
  /** The sign-in chain the token came from (refresh-tokens.ts). */
  chainId: string;
}

export type AuthOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; status: number; code: ErrorCode; retryAfterSeconds?: number };

export interface AuthService {
  enrol(request: EnrolRequest, address: string): Promise<AuthOutcome<EnrolResponse>>;
  login(request: LoginRequest, address: string): Promise<AuthOutcome<LoginResponse>>;
  refresh(request: RefreshRequest): Promise<AuthOutcome<RefreshResponse>>;
  authenticate(accessToken: string): AuthOutcome<RequestAuth>;
  /** A single-use ticket for the live stream's address, standing for this sign-in. */
  issueStreamTicket(auth: RequestAuth): StreamTicketResponse;
  /** Who a stream ticket stands for, checked like a token; the ticket is spent. */
  redeemStreamTicket(ticket: string): AuthOutcome<RequestAuth>;
  /** Whether a request's user is still active, its tablet enrolled, its sign-in not revoked (for streams). */
  stillAllowed(auth: RequestAuth): boolean;
  now(): number;
}

function refused<T>(status: number, code: ErrorCode, retryAfterSeconds?: number): AuthOutcome<T> {
  return retryAfterSeconds === undefined
    ? { ok: false, status, code }
    : { ok: false, status, code, retryAfterSeconds };
}

export function createAuthService(database: Database, options: AuthOptions = {}): AuthService {
  const now = options.now ?? Date.now;
  const lifetimeSeconds = options.accessTokenSeconds ?? AUTH_LIMITS.accessTokenSeconds;
  const key = loadAccessTokenKey(database);
  const limiter = createLoginLimiter();
  const checkSession = createSessionCheck(database);
  const tickets = createStreamTickets(database, now);
  // An unknown username is checked against this, so it takes as long as a wrong password.
  const dummyHash = hashSecret(randomBytes(16).toString('hex'));

  /** `chain`: the refreshed sign-in's; a password sign-in starts a new one. */
  function issueSession(user: UserRecord, deviceId: string, chain?: TokenChain): LoginResponse {
    const issuedAt = now();
    const exp = Math.floor(issuedAt / 1000) + lifetimeSeconds;
    const tokenChain = chain ?? startTokenChain(database, { userId: user.id, deviceId }, issuedAt);
    const claims = {
      sub: user.id,
      site: user.siteId,
      usr: user.username,
      role: user.role,
      dev: deviceId,
      chn: tokenChain.id,
      exp,
    };
    return {
      user: toSiteUser(user),
      accessToken: signAccessToken(claims, key),
      accessExpiresAt: exp * 1000,
      refreshToken: issueRefreshToken(database, tokenChain, issuedAt),
      pinHash: user.pinHash,
    };
  }

  async function usersWithPassword(
    candidates: UserRecord[],
    password: string,
  ): Promise<UserRecord[]> {
    if (candidates.length === 0) {
      await verifySecret(password, await dummyHash);
      return [];
    }
    const checks = await Promise.all(
      candidates.map((user) => verifySecret(password, user.passwordHash)),
    );
    return candidates.filter((_user, index) => checks[index]);
  }

  /** A refused sign-in, audited in the sites it was aimed at (sync-server/audit/). */
  function refusedSignIn<T>(status: number, refusal: RefusedSignIn): AuthOutcome<T> {
    recordSignInRefused(database, refusal);
    return refused(status, refusal.reason);
  }

  /** Username and password checked, rate-limited per username and per address. */
  async function userWithPassword(
    request: { username: string; password: string },
    address: string,
    siteId: string | undefined,
    attempt: Pick<RefusedSignIn, 'via' | 'deviceId'>,
  ): Promise<AuthOutcome<UserRecord>> {
    const username = request.username.trim().toLowerCase();
    // Per site where it is known: guessing at one site's tablet does not pause another site's namesake.
    const userKey = `user:${siteId ?? '*'}:${username}`;
    const keys = [userKey, `address:${address}`];
    const waitSeconds = limiter.retryAfterSeconds(keys, now());
    if (waitSeconds > 0) return refused(429, 'LOGIN_RATE_LIMITED', waitSeconds);
    const candidates = findUsersByUsername(database, username).filter(
      (user) => siteId === undefined || user.siteId === siteId,
    );
    const matching = await usersWithPassword(candidates, request.password);
    const [user] = matching;
    const refuse = (status: number, reason: ErrorCode) =>
      refusedSignIn<UserRecord>(status, {
        ...attempt,
        siteIds: siteId === undefined ? candidates.map((candidate) => candidate.siteId) : [siteId],
        usernameTried: username,
        address,
        reason,
      });
    if (!user) {
      limiter.recordFailure(keys, now());
      return refuse(401, 'LOGIN_FAILED');
    }
    // Asked only of someone who knows a password: who works where is not given away.
    if (candidates.length > 1) return refuse(400, 'LOGIN_SITE_REQUIRED');
    if (!user.active) return refuse(403, 'USER_INACTIVE');
    limiter.forget(userKey);
    return { ok: true, value: user };
  }

  /** A spent refresh token presented again: two parties hold the chain, so it ends for both. */
  function refusedReuse<T>(stored: StoredRefreshToken): AuthOutcome<T> {
    revokeTokenChain(database, stored.chain.id, now());
    return refused(401, 'TOKEN_INVALID');
  }

  return {
    now,

    stillAllowed(auth) {
      return checkSession(auth).ok;
    },

    issueStreamTicket: (auth) => tickets.issue(auth),

    redeemStreamTicket(ticket) {
      const holder = tickets.redeem(ticket);
      return holder ? checkSession(holder) : refused(401, 'STREAM_TICKET_INVALID');
    },

    async enrol(request, address) {
      const name = normaliseDeviceName(request.deviceName);
      if (name === null) return refused(422, 'DEVICE_NAME_FORMAT');
      const enrolment = { via: 'enrol', deviceId: null } as const;
      const checked = await userWithPassword(request, address, request.siteId, enrolment);
      if (!checked.ok) return checked;
      const admin = checked.value;
      if (admin.role !== 'admin') {
        return refusedSignIn(403, {
          ...enrolment,
          siteIds: [admin.siteId],
          usernameTried: admin.username,
          address,
          reason: 'ENROL_ADMIN_ONLY',
        });
      }
      const enrolled = enrolDevice(
        database,
        { siteId: admin.siteId, name, enrolledBy: admin.username },
        now(),
      );
      return { ok: true, value: enrolled };
    },

    async login(request, address) {
      const keys = [`address:${address}`];
      const waitSeconds = limiter.retryAfterSeconds(keys, now());
      if (waitSeconds > 0) return refused(429, 'LOGIN_RATE_LIMITED', waitSeconds);
      const device = deviceWithToken(database, request.deviceId, request.deviceToken);
      if (!device) {
        // A guessed device token counts against the address like a guessed password.
        limiter.recordFailure(keys, now());
        return refused(401, 'DEVICE_NOT_ENROLLED');
      }
      const attempt = { via: 'login', deviceId: device.id } as const;
      const refusal = {
        ...attempt,
        siteIds: [device.siteId],
        usernameTried: request.username.trim().toLowerCase(),
        address,
      };
      if (device.revokedAt !== null) {
        return refusedSignIn(403, { ...refusal, reason: 'DEVICE_REVOKED' });
      }
      if (request.siteId !== undefined && request.siteId !== device.siteId) {
        return refusedSignIn(401, { ...refusal, reason: 'LOGIN_FAILED' });
      }
      // The tablet's site decides which of several same-named users this is.
      const checked = await userWithPassword(request, address, device.siteId, attempt);
      if (!checked.ok) return checked;
      touchDevice(database, device.id, now());
      const user = toSiteUser(checked.value);
      recordSignIn(database, { user, deviceId: device.id, address });
      return { ok: true, value: issueSession(checked.value, device.id) };
    },

    async refresh(request) {
      const stored = findRefreshToken(database, request.refreshToken);
      if (!stored || stored.deviceId !== request.deviceId) return refused(401, 'TOKEN_INVALID');
      const device = deviceWithToken(database, request.deviceId, request.deviceToken);
      if (!device) return refused(401, 'DEVICE_NOT_ENROLLED');
      // Before "revoked" (revoking the tablet revokes its tokens too): the tablet can say why.
      if (device.revokedAt !== null) return refused(403, 'DEVICE_REVOKED');
      const user = findUserById(database, stored.userId);
      if (!user) return refused(401, 'TOKEN_INVALID');
      // Before "revoked" (deactivation revokes too): the tablet can say why, not just "sign in".
      if (!user.active) return refused(403, 'USER_INACTIVE');
      if (stored.revokedAt !== null) return refusedReuse(stored);
      if (stored.expiresAt <= now()) return refused(401, 'TOKEN_EXPIRED');
      touchDevice(database, device.id, now());
      const session = database
        .transaction(() =>
          // Two refreshes with one token race here: only the one that revokes it gets a session.
          revokeRefreshToken(database, stored.id, now())
            ? issueSession(user, stored.deviceId, stored.chain)
            : null,
        )
        .immediate();
      return session ? { ok: true, value: session } : refusedReuse(stored);
    },

    authenticate(accessToken) {
      const check = verifyAccessToken(accessToken, key, now());
      if (!check.ok) return refused(401, check.code);
      const { sub, site, dev, chn } = check.claims;
      return checkSession({ userId: sub, siteId: site, deviceId: dev, chainId: chn });
    },
  };
}
