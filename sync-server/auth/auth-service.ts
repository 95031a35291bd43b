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
} from '../../src/schema/index.js';
import {
  findUserById,
  findUsersByUsername,
  toSiteUser,
  type UserRecord,
} from '../database/sqlite-directory.js';
import { signAccessToken, verifyAccessToken } from './access-token.js';
import {
  deviceWithToken,
  enrolDevice,
  deviceStatus,
  normaliseDeviceName,
  touchDevice,
} from './devices.js';
import { createLoginLimiter } from './login-limiter.js';
import { findRefreshToken, issueRefreshToken, revokeRefreshToken } from './refresh-tokens.js';
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
}

export type AuthOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; status: number; code: ErrorCode; retryAfterSeconds?: number };

export interface AuthService {
  enrol(request: EnrolRequest, address: string): Promise<AuthOutcome<EnrolResponse>>;
  login(request: LoginRequest, address: string): Promise<AuthOutcome<LoginResponse>>;
  refresh(request: RefreshRequest): Promise<AuthOutcome<RefreshResponse>>;
  authenticate(accessToken: string): AuthOutcome<RequestAuth>;
  /** Whether a request's user is still active and its tablet still enrolled (for long-lived streams). */
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
  // An unknown username is checked against this, so it takes as long as a wrong password.
  const dummyHash = hashSecret(randomBytes(16).toString('hex'));

  function issueSession(user: UserRecord, deviceId: string): LoginResponse {
    const issuedAt = now();
    const exp = Math.floor(issuedAt / 1000) + lifetimeSeconds;
    const claims = {
      sub: user.id,
      site: user.siteId,
      usr: user.username,
      role: user.role,
      dev: deviceId,
      exp,
    };
    return {
      user: toSiteUser(user),
      accessToken: signAccessToken(claims, key),
      accessExpiresAt: exp * 1000,
      refreshToken: issueRefreshToken(database, user.id, deviceId, issuedAt),
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

  /** Username and password checked, rate-limited per username and per address. */
  async function userWithPassword(
    request: { username: string; password: string },
    address: string,
    siteId: string | undefined,
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
    if (!user) {
      limiter.recordFailure(keys, now());
      return refused(401, 'LOGIN_FAILED');
    }
    // Asked only of someone who knows a password: who works where is not given away.
    if (candidates.length > 1) return refused(400, 'LOGIN_SITE_REQUIRED');
    if (!user.active) return refused(403, 'USER_INACTIVE');
    limiter.forget(userKey);
    return { ok: true, value: user };
  }

  return {
    now,

    stillAllowed(auth) {
      const user = findUserById(database, auth.userId);
      return user?.active === true && deviceStatus(database, auth.deviceId) === 'active';
    },

    async enrol(request, address) {
      const name = normaliseDeviceName(request.deviceName);
      if (name === null) return refused(422, 'DEVICE_NAME_FORMAT');
      const checked = await userWithPassword(request, address, request.siteId);
      if (!checked.ok) return checked;
      const admin = checked.value;
      if (admin.role !== 'admin') return refused(403, 'ENROL_ADMIN_ONLY');
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
      if (device.revokedAt !== null) return refused(403, 'DEVICE_REVOKED');
      if (request.siteId !== undefined && request.siteId !== device.siteId) {
        return refused(401, 'LOGIN_FAILED');
      }
      // The tablet's site decides which of several same-named users this is.
      const checked = await userWithPassword(request, address, device.siteId);
      if (!checked.ok) return checked;
      touchDevice(database, device.id, now());
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
      if (stored.revokedAt !== null) return refused(401, 'TOKEN_INVALID');
      if (stored.expiresAt <= now()) return refused(401, 'TOKEN_EXPIRED');
      touchDevice(database, device.id, now());
      const session = database
        .transaction(() =>
          // Two refreshes with one token race here: only the one that revokes it gets a session.
          revokeRefreshToken(database, stored.id, now())
            ? issueSession(user, stored.deviceId)
            : null,
        )
        .immediate();
      return session ? { ok: true, value: session } : refused(401, 'TOKEN_INVALID');
    },

    authenticate(accessToken) {
      const check = verifyAccessToken(accessToken, key, now());
      if (!check.ok) return refused(401, check.code);
      const user = findUserById(database, check.claims.sub);
      if (!user || user.siteId !== check.claims.site) return refused(401, 'TOKEN_INVALID');
      if (!user.active) return refused(401, 'USER_INACTIVE');
      const device = deviceStatus(database, check.claims.dev);
      if (device === 'revoked') return refused(401, 'DEVICE_REVOKED');
      // A token from before tablets were enrolled: the tablet is asked to enrol, not told it was revoked.
      if (device === 'unknown') return refused(401, 'DEVICE_NOT_ENROLLED');
      // Role and name as they are now: a change by the admin applies without waiting for expiry.
      return {
        ok: true,
        value: {
          userId: user.id,
          username: user.username,
          role: user.role,
          siteId: user.siteId,
          deviceId: check.claims.dev,
        },
      };
    },
  };
}
