/**
 * The server's audit log as the admin reads it (GET /api/v1/admin/audit):
 * one entry per accepted record write and per admin or sign-in event, chained
 * per site by a keyed hash and sealed into a file at least daily. Written by
 * sync-server/audit/, shown on the admin's tablet.
 */
export const RECORD_AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;

/** Admin and sign-in events: who manages the people and tablets, and who signs in. */
export const ADMIN_AUDIT_ACTIONS = [
  'user-added',
  'user-renamed',
  'role-changed',
  'password-reset',
  'pin-reset',
  'user-deactivated',
  'user-reactivated',
  'device-enrolled',
  'device-revoked',
  'site-changed',
  'signed-in',
  'sign-in-failed',
] as const;

export const AUDIT_ACTIONS = [...RECORD_AUDIT_ACTIONS, ...ADMIN_AUDIT_ACTIONS] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AdminAuditAction = (typeof ADMIN_AUDIT_ACTIONS)[number];

/** What an admin event's entry names as its "collection" (never a synced collection's name). */
export const AUDIT_EVENT_SUBJECTS = {
  users: 'users',
  devices: 'devices',
  signIns: 'sign-ins',
  sites: 'sites',
} as const;

export interface AuditEntry {
  seq: number;
  siteId: string;
  /** Milliseconds since the epoch, the server's clock at commit. */
  serverTime: number;
  /** The record's updatedAt: the tablet's clock, so only a claim. Null for admin events. */
  deviceTime: number | null;
  /** Who: the token's user, the admin, `npm run admin`, or the username a failed sign-in tried. */
  username: string;
  /** The enrolled tablet the access token was issued to (or where the event happened). */
  deviceId: string;
  /** A synced collection, or an event subject (AUDIT_EVENT_SUBJECTS). */
  collection: string;
  /** The record's id; for events the username or the tablet's id. */
  recordId: string;
  action: AuditAction;
  /** Top-level fields that differ from the stored state before this write. */
  changedFields: string[];
  /**
   * What was written: the new value of each changed field (null for a field
   * removed), or an event's details. Null in entries from before migration 6.
   */
  written: Record<string, unknown> | null;
  /**
   * SHA-256 of the canonical JSON of the state written: the stored document,
   * or the event's details. Null in entries from before migration 6.
   */
  stateHash: string | null;
  prevHash: string;
  /** HMAC-SHA-256 (server key) of the entry and prevHash; plain SHA-256 before migration 6. */
  hash: string;
}

/** The chain head of one site, HMAC'd and appended to a file outside the database. */
export interface AuditSeal {
  siteId: string;
  /** The newest entry's seq when sealed; 0 for a site without entries. */
  lastSeq: number;
  /** That entry's hash (zeros for none). */
  lastHash: string;
  /** How many entries the site had up to and including lastSeq. */
  entries: number;
  sealedAt: number;
  /** HMAC-SHA-256 of the seal's other fields with the audit chain key. */
  mac: string;
}

/**
 * Why a chain does not verify: an entry changed (or one before it deleted), the
 * newest entries cut off after the last seal, the log not the one the seal
 * sealed, or a seal not made with the server's key.
 */
export const AUDIT_CHAIN_PROBLEMS = [
  'entry-changed',
  'log-truncated',
  'seal-mismatch',
  'seal-invalid',
] as const;
export type AuditChainProblem = (typeof AUDIT_CHAIN_PROBLEMS)[number];

/** The chain check: every entry's keyed hash holds, each names the one before, the last seal matches. */
export interface AuditChainVerdict {
  ok: boolean;
  /** How many entries the site has, all walked. */
  entries: number;
  problem?: AuditChainProblem;
  /** The first entry that was changed or follows a deleted one; for a cut log, the sealed head. */
  firstBrokenSeq?: number;
  /** The seal the log was checked against; null when the site was never sealed. */
  seal: AuditSeal | null;
}
