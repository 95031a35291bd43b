import type { Role } from './roles.js';

/**
 * Sign-in on shared tablets. A person signs in once with username and
 * password while online (`POST /api/v1/auth/login`); the tablet keeps their
 * profile, a refresh token bound to the tablet, and the server's salted slow
 * hash of their PIN (scrypt, `scrypt$N$r$p$salt$hash`), so afterwards they
 * switch in with the PIN, online or offline. Sync and blob requests carry the
 * short-lived access token as `authorization: Bearer …` (the live stream,
 * which cannot set headers, takes a single-use ticket: stream-ticket.ts).
 */
export const AUTH_LIMITS = {
  accessTokenSeconds: 15 * 60,
  refreshTokenDays: 30,
  passwordMinLength: 8,
  passwordMaxLength: 128,
  usernamePattern: '^[a-z0-9][a-z0-9._-]{1,31}$',
  /** Sign-in attempts per username (and per address) before a pause. */
  loginAttemptsPerWindow: 10,
  loginWindowSeconds: 5 * 60,
} as const;

export const PIN_PATTERN = '^[0-9]{4,8}$';

export function isValidPin(pin: string): boolean {
  return new RegExp(PIN_PATTERN).test(pin);
}

/** Wrong PINs on a tablet: after this many in a row the PIN pad pauses, doubling each time. */
export const PIN_LOCKOUT = { freeAttempts: 5, firstPauseSeconds: 30, maxPauseSeconds: 15 * 60 };

/** How long a tablet waits without a touch before it locks (configurable per tablet). */
export const IDLE_LOCK_MINUTES = { default: 5, min: 1, max: 60 } as const;

export interface SiteUser {
  id: string;
  siteId: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
}

/**
 * Tablets are enrolled by a site admin before anyone signs in on them: the
 * admin's password on the new tablet gets it a device id and a device token
 * (`POST /api/v1/auth/enroll`). Every sign-in then names the tablet with both;
 * an admin can list the site's tablets and revoke one, which stops its next
 * request. Only the SHA-256 of a device token is kept on the server.
 */
export const DEVICE_NAME_MAX_LENGTH = 60;

export interface EnrolRequest {
  /** A site admin's username and password. */
  username: string;
  password: string;
  /** What people call the tablet: "接车 iPad 2". */
  deviceName: string;
  /** Needed only when the admin's username exists at more than one site. */
  siteId?: string;
}

export interface EnrolledDevice {
  id: string;
  siteId: string;
  name: string;
  enrolledBy: string;
  /** Epoch ms, server clock. */
  enrolledAt: number;
  /** Last sign-in or token refresh from it (epoch ms), null before the first. */
  lastSeenAt: number | null;
  revokedAt: number | null;
  revokedBy: string | null;
}

export interface EnrolResponse {
  device: EnrolledDevice;
  /** The tablet's secret: kept on the tablet, sent with every sign-in and refresh. */
  deviceToken: string;
}

export interface LoginRequest {
  username: string;
  password: string;
  /** The enrolled tablet's id and token; the refresh token is bound to the tablet. */
  deviceId: string;
  deviceToken: string;
  /** Optional: the tablet's site decides; when given it must be that site. */
  siteId?: string;
}

export interface LoginResponse {
  user: SiteUser;
  accessToken: string;
  /** Milliseconds since the epoch (server clock). */
  accessExpiresAt: number;
  refreshToken: string;
  /** The server's scrypt hash of this user's PIN, for offline PIN switching. */
  pinHash: string;
}

export interface RefreshRequest {
  refreshToken: string;
  deviceId: string;
  deviceToken: string;
}

export type RefreshResponse = Omit<LoginResponse, 'pinHash'> & { pinHash: string };
