import type { Database } from 'better-sqlite3';
import type { Role, SiteUser } from '../../src/schema/index.js';
import {
  DIRECT_ACTOR,
  recordUserAdded,
  recordUserChanges,
  type AuditActor,
} from '../audit/admin-audit-events.js';
import {
  countActiveAdmins,
  findUser,
  insertUser,
  toSiteUser,
  updateUser,
  type UserChanges,
  type UserRecord,
} from '../database/sqlite-directory.js';
import { revokeUserRefreshTokens } from './refresh-tokens.js';
import { revokeUserSignerKeys } from './signer-keys.js';
import { hashSecret } from './secret-hash.js';
import {
  checkNewUser,
  checkUserChanges,
  type NewUserInput,
  type UserChangesInput,
  type UserRuleViolation,
} from './user-rules.js';

/**
 * Adding and changing a site's users: the one implementation behind the
 * admin API and `npm run admin`. Secrets are hashed before the write
 * transaction (scrypt is async; a SQLite transaction must not await).
 */
export type UserAdminOutcome =
  { ok: true; user: SiteUser } | { ok: false; violation: UserRuleViolation };

function refused(code: UserRuleViolation['code'], field: string): UserAdminOutcome {
  return { ok: false, violation: { code, field } };
}

/** `actor`: who adds them, for the audit log (the same transaction). */
export async function addSiteUser(
  database: Database,
  siteId: string,
  input: NewUserInput,
  actor: AuditActor = DIRECT_ACTOR,
): Promise<UserAdminOutcome> {
  const problem = checkNewUser(input);
  if (problem) return { ok: false, violation: problem };
  if (findUser(database, siteId, input.username)) return refused('USERNAME_TAKEN', '/username');
  const passwordHash = await hashSecret(input.password);
  const pinHash = await hashSecret(input.pin);
  return database
    .transaction((): UserAdminOutcome => {
      // Checked again: another request may have taken the name while we hashed.
      if (findUser(database, siteId, input.username)) return refused('USERNAME_TAKEN', '/username');
      const fields = {
        siteId,
        username: input.username,
        displayName: input.displayName.trim(),
        role: input.role as Role,
        passwordHash,
        pinHash,
      };
      const id = insertUser(database, fields);
      const user = toSiteUser({ ...fields, id, active: true });
      recordUserAdded(database, actor, user);
      return { ok: true, user };
    })
    .immediate();
}

/** Whether the change would leave the site without an active admin. */
function removesLastAdmin(database: Database, user: UserRecord, changes: UserChanges): boolean {
  const wasActiveAdmin = user.active && user.role === 'admin';
  const staysActiveAdmin =
    (changes.active ?? user.active) && (changes.role ?? user.role) === 'admin';
  return wasActiveAdmin && !staysActiveAdmin && countActiveAdmins(database, user.siteId) <= 1;
}

async function hashedChanges(changes: UserChangesInput): Promise<UserChanges> {
  return {
    displayName: changes.displayName?.trim(),
    role: changes.role as Role | undefined,
    active: changes.active,
    passwordHash: changes.password === undefined ? undefined : await hashSecret(changes.password),
    pinHash: changes.pin === undefined ? undefined : await hashSecret(changes.pin),
  };
}

/**
 * Deactivating a user, or giving them a new password, ends their sign-ins on
 * every tablet (refresh tokens revoked): the old password may have leaked.
 */
export async function changeSiteUser(
  database: Database,
  siteId: string,
  username: string,
  changes: UserChangesInput,
  nowMs: number = Date.now(),
  actor: AuditActor = DIRECT_ACTOR,
): Promise<UserAdminOutcome> {
  const problem = checkUserChanges(changes);
  if (problem) return { ok: false, violation: problem };
  if (!findUser(database, siteId, username)) return refused('USER_NOT_FOUND', '/username');
  const update = await hashedChanges(changes);
  return database
    .transaction((): UserAdminOutcome => {
      const user = findUser(database, siteId, username);
      if (!user) return refused('USER_NOT_FOUND', '/username');
      if (removesLastAdmin(database, user, update)) {
        return refused('LAST_ADMIN', changes.active === false ? '/active' : '/role');
      }
      updateUser(database, user.id, update);
      if (update.active === false || update.passwordHash !== undefined) {
        revokeUserRefreshTokens(database, user.id, nowMs);
      }
      // A deactivated person signs nothing more; reactivated, they sign with new keys.
      if (update.active === false) revokeUserSignerKeys(database, user.id, nowMs);
      const changed = toSiteUser(findUser(database, siteId, username) ?? user);
      recordUserChanges(database, actor, {
        before: toSiteUser(user),
        after: changed,
        passwordReset: update.passwordHash !== undefined,
        pinReset: update.pinHash !== undefined,
      });
      return { ok: true, user: changed };
    })
    .immediate();
}
