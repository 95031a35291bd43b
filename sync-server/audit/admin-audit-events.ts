import os from 'node:os';
import type { Database } from 'better-sqlite3';
import {
  AUDIT_EVENT_SUBJECTS,
  type EnrolledDevice,
  type ErrorCode,
  type SiteDetails,
  type SiteUser,
} from '../../src/schema/index.js';
import { createSqliteAuditLogWriter } from './sqlite-audit-log.js';

/**
 * Admin and sign-in events as audit entries: users added and changed, tablets
 * enrolled and revoked, sign-ins that succeeded or failed. Each function is
 * called inside the transaction of the change it records, from the HTTP routes'
 * and `npm run admin`'s shared code. Details say what was written; a password,
 * a PIN or their hashes never appear.
 */
export interface AuditActor {
  username: string;
  /** The admin's tablet, or where the command ran. */
  deviceId: string;
}

/** A change made without a signed-in admin: tests and tools calling the database directly. */
export const DIRECT_ACTOR: AuditActor = { username: 'system', deviceId: 'system' };

/** `npm run admin` on the server machine: which OS account ran it, where. */
export function adminCommandActor(): AuditActor {
  let account = 'unknown';
  try {
    account = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the command still runs, its account unknown.
  }
  return { username: 'npm run admin', deviceId: `cli:${account}@${os.hostname()}` };
}

export function recordUserAdded(database: Database, actor: AuditActor, user: SiteUser): void {
  createSqliteAuditLogWriter(database).recordEvent({
    siteId: user.siteId,
    ...actor,
    collection: AUDIT_EVENT_SUBJECTS.users,
    recordId: user.username,
    action: 'user-added',
    changedFields: ['active', 'displayName', 'password', 'pin', 'role', 'username'],
    details: {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      active: user.active,
    },
  });
}

export interface UserChangeFacts {
  before: SiteUser;
  after: SiteUser;
  passwordReset: boolean;
  pinReset: boolean;
}

/** One entry per kind of change, so each reads as what the admin did. */
export function recordUserChanges(
  database: Database,
  actor: AuditActor,
  { before, after, passwordReset, pinReset }: UserChangeFacts,
): void {
  const writer = createSqliteAuditLogWriter(database);
  const record = (
    action: Parameters<typeof writer.recordEvent>[0]['action'],
    field: string,
    details: Record<string, unknown>,
  ) =>
    writer.recordEvent({
      siteId: after.siteId,
      ...actor,
      collection: AUDIT_EVENT_SUBJECTS.users,
      recordId: after.username,
      action,
      changedFields: [field],
      details: { username: after.username, ...details },
    });
  if (before.displayName !== after.displayName) {
    record('user-renamed', 'displayName', {
      displayName: after.displayName,
      previousDisplayName: before.displayName,
    });
  }
  if (before.role !== after.role) {
    record('role-changed', 'role', { role: after.role, previousRole: before.role });
  }
  if (before.active !== after.active) {
    record(after.active ? 'user-reactivated' : 'user-deactivated', 'active', {
      active: after.active,
    });
  }
  // A new secret is an event even when it equals the old one: the admin set it.
  if (passwordReset) record('password-reset', 'password', { signedOutEverywhere: true });
  if (pinReset) record('pin-reset', 'pin', {});
}

export function recordDeviceEnrolled(database: Database, device: EnrolledDevice): void {
  createSqliteAuditLogWriter(database).recordEvent({
    siteId: device.siteId,
    username: device.enrolledBy,
    deviceId: device.id,
    collection: AUDIT_EVENT_SUBJECTS.devices,
    recordId: device.id,
    action: 'device-enrolled',
    changedFields: ['enrolledAt', 'enrolledBy', 'name'],
    details: {
      deviceId: device.id,
      name: device.name,
      enrolledBy: device.enrolledBy,
      enrolledAt: device.enrolledAt,
    },
  });
}

export function recordDeviceRevoked(
  database: Database,
  actor: AuditActor,
  device: EnrolledDevice,
): void {
  createSqliteAuditLogWriter(database).recordEvent({
    siteId: device.siteId,
    ...actor,
    collection: AUDIT_EVENT_SUBJECTS.devices,
    recordId: device.id,
    action: 'device-revoked',
    changedFields: ['revokedAt', 'revokedBy'],
    details: {
      deviceId: device.id,
      name: device.name,
      revokedBy: device.revokedBy,
      revokedAt: device.revokedAt,
    },
  });
}

export function recordSignIn(
  database: Database,
  signIn: { user: SiteUser; deviceId: string; address: string },
): void {
  const { user, deviceId, address } = signIn;
  createSqliteAuditLogWriter(database).recordEvent({
    siteId: user.siteId,
    username: user.username,
    deviceId,
    collection: AUDIT_EVENT_SUBJECTS.signIns,
    recordId: user.username,
    action: 'signed-in',
    changedFields: [],
    details: { username: user.username, role: user.role, deviceId, address },
  });
}

export interface RefusedSignIn {
  /** The sites it was aimed at: the tablet's, or those of the users with that name. */
  siteIds: readonly string[];
  usernameTried: string;
  /** The tablet it came from, as the request named it (null for an enrolment). */
  deviceId: string | null;
  address: string;
  reason: ErrorCode;
  via: 'login' | 'enrol';
}

/**
 * One entry in each site it was aimed at. An attempt that names no known site
 * (an unknown tablet and username) belongs to no site's log: the server log has it.
 * The refusals anyone can provoke (a wrong password) count against the sign-in
 * limiter, which bounds how fast a stranger can grow the log; the others need a
 * right password or a real device token.
 */
export function recordSignInRefused(database: Database, refusal: RefusedSignIn): void {
  const writer = createSqliteAuditLogWriter(database);
  const siteExists = database.prepare('SELECT 1 FROM sites WHERE id = ?');
  const sites = [...new Set(refusal.siteIds)].filter((id) => siteExists.get(id) !== undefined);
  database
    .transaction(() => {
      for (const siteId of sites) {
        writer.recordEvent({
          siteId,
          username: refusal.usernameTried,
          deviceId: refusal.deviceId ?? '',
          collection: AUDIT_EVENT_SUBJECTS.signIns,
          recordId: refusal.usernameTried,
          action: 'sign-in-failed',
          changedFields: [],
          details: {
            usernameTried: refusal.usernameTried,
            reason: refusal.reason,
            via: refusal.via,
            deviceId: refusal.deviceId,
            address: refusal.address,
          },
        });
      }
    })
    .immediate();
}

/** The site's name, address or phone changed: one entry with the fields that differ. */
export function recordSiteChanged(
  database: Database,
  actor: AuditActor,
  { before, after }: { before: SiteDetails; after: SiteDetails },
): void {
  const changed = (['address', 'name', 'phone'] as const).filter(
    (field) => before[field] !== after[field],
  );
  if (changed.length === 0) return;
  createSqliteAuditLogWriter(database).recordEvent({
    siteId: after.id,
    ...actor,
    collection: AUDIT_EVENT_SUBJECTS.sites,
    recordId: after.id,
    action: 'site-changed',
    changedFields: changed,
    details: Object.fromEntries(changed.map((field) => [field, after[field]])),
  });
}
