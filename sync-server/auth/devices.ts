import { createHash, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { DEVICE_NAME_MAX_LENGTH, type EnrolledDevice } from '../../src/schema/index.js';
import {
  DIRECT_ACTOR,
  recordDeviceEnrolled,
  recordDeviceRevoked,
  type AuditActor,
} from '../audit/admin-audit-events.js';
import { revokeDeviceSignerKeys } from './signer-keys.js';
import { isCanonicalRandomToken, sameSecret } from './token-encoding.js';

/**
 * Enrolled tablets: made by a site admin, named, revocable. The device token is
 * random and shown once to the tablet; only its SHA-256 is stored, so a copied
 * database enrols no one. Revoking a tablet also ends its refresh tokens.
 */
const TOKEN_BYTES = 32;

interface DeviceRow {
  id: string;
  site_id: string;
  name: string;
  token_hash: string;
  enrolled_by: string;
  enrolled_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
  revoked_by: string | null;
}

function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toDevice(row: DeviceRow): EnrolledDevice {
  return {
    id: row.id,
    siteId: row.site_id,
    name: row.name,
    enrolledBy: row.enrolled_by,
    enrolledAt: row.enrolled_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
  };
}

/** Trimmed name, or null when it is empty or too long. */
export function normaliseDeviceName(name: string): string | null {
  const trimmed = name.trim();
  return trimmed.length > 0 && [...trimmed].length <= DEVICE_NAME_MAX_LENGTH ? trimmed : null;
}

export function enrolDevice(
  database: Database,
  device: { siteId: string; name: string; enrolledBy: string },
  nowMs: number,
): { device: EnrolledDevice; deviceToken: string } {
  const id = `tablet-${randomBytes(12).toString('hex')}`;
  const deviceToken = randomBytes(TOKEN_BYTES).toString('base64url');
  const enrolled = database
    .transaction(() => {
      database
        .prepare(
          `INSERT INTO devices (id, site_id, name, token_hash, enrolled_by, enrolled_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          device.siteId,
          device.name,
          hashDeviceToken(deviceToken),
          device.enrolledBy,
          nowMs,
        );
      const stored = findDevice(database, id);
      if (!stored) throw new Error(`enrolled device ${id} is not there`);
      recordDeviceEnrolled(database, stored);
      return stored;
    })
    .immediate();
  return { device: enrolled, deviceToken };
}

export function findDevice(database: Database, id: string): EnrolledDevice | undefined {
  const row = database.prepare<[string], DeviceRow>('SELECT * FROM devices WHERE id = ?').get(id);
  return row ? toDevice(row) : undefined;
}

/** The device when id and token belong together (revoked or not), else undefined. */
export function deviceWithToken(
  database: Database,
  id: string,
  token: string,
): EnrolledDevice | undefined {
  // Only the exact form we issued: `token=` or `token ` is another string, and no token.
  if (!isCanonicalRandomToken(token)) return undefined;
  const row = database.prepare<[string], DeviceRow>('SELECT * FROM devices WHERE id = ?').get(id);
  if (!row) return undefined;
  const expected = Buffer.from(row.token_hash, 'hex');
  const given = Buffer.from(hashDeviceToken(token), 'hex');
  return sameSecret(given, expected) ? toDevice(row) : undefined;
}

export type DeviceStatus = 'active' | 'revoked' | 'unknown';

/** Whether requests made with a token issued to this device still count (checked on every one). */
export function deviceStatus(database: Database, id: string): DeviceStatus {
  const row = database
    .prepare<[string], { revoked_at: number | null }>('SELECT revoked_at FROM devices WHERE id = ?')
    .get(id);
  if (!row) return 'unknown';
  return row.revoked_at === null ? 'active' : 'revoked';
}

export function touchDevice(database: Database, id: string, nowMs: number): void {
  database.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?').run(nowMs, id);
}

/** Newest first, revoked ones included (so the admin sees what was revoked and when). */
export function listSiteDevices(database: Database, siteId: string): EnrolledDevice[] {
  return database
    .prepare<[string], DeviceRow>(
      'SELECT * FROM devices WHERE site_id = ? ORDER BY enrolled_at DESC, rowid DESC',
    )
    .all(siteId)
    .map(toDevice);
}

/** Revokes a site's device and every refresh token issued to it; undefined when not the site's. */
export function revokeDevice(
  database: Database,
  change: { siteId: string; deviceId: string; revokedBy: string; actor?: AuditActor },
  nowMs: number,
): EnrolledDevice | undefined {
  return database
    .transaction(() => {
      const device = findDevice(database, change.deviceId);
      if (!device || device.siteId !== change.siteId) return undefined;
      // Revoking twice keeps the first time and the first admin.
      const revoked = database
        .prepare(
          'UPDATE devices SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL',
        )
        .run(nowMs, change.revokedBy, change.deviceId);
      database
        .prepare(
          'UPDATE refresh_tokens SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL',
        )
        .run(nowMs, change.deviceId);
      // A lost tablet's keys sign nothing more, whoever holds it.
      revokeDeviceSignerKeys(database, change.deviceId, nowMs);
      const after = findDevice(database, change.deviceId);
      if (after && revoked.changes > 0) {
        const actor = change.actor ?? {
          username: change.revokedBy,
          deviceId: DIRECT_ACTOR.deviceId,
        };
        recordDeviceRevoked(database, actor, after);
      }
      return after;
    })
    .immediate();
}
