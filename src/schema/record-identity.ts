import { sameContent } from './canonical-json.js';
import type { CollectionName } from './collections.js';
import type { ErrorCode } from './errors.js';
import type { Role } from './roles.js';

/**
 * Identity comes from the session, never from the record: every name a
 * record gives for who did something in this change must be the person
 * whose session pushes it. The tablet stamps these from the signed-in
 * person; the server refuses a record written in someone else's name.
 */
export interface Pusher {
  username: string;
  role: Role;
}

type Fields = Record<string, unknown>;

/**
 * createdBy and updatedBy: a new record is created and last changed by the
 * pusher; a change (a tombstone too) is made by the pusher, and who created
 * the record never changes.
 */
export function authorBlocker(
  stored: Fields | undefined,
  next: Fields,
  pusher: Pusher,
): ErrorCode | null {
  if (stored && next.createdBy !== stored.createdBy) return 'CREATED_BY_CHANGED';
  if (!stored && next.createdBy !== pusher.username) return 'AUTHOR_NOT_SIGNED_IN';
  return next.updatedBy === pusher.username ? null : 'AUTHOR_NOT_SIGNED_IN';
}

interface PersonEntry {
  /** The entry's key inside its list (operationId, finding id). */
  key: string;
  person: unknown;
  entry: unknown;
}

function entriesOf(list: unknown, keyField: string, personField: string): PersonEntry[] {
  if (!Array.isArray(list)) return [];
  return list.map((entry: Fields) => ({
    key: String(entry[keyField]),
    person: entry[personField],
    entry,
  }));
}

/** Entries of a list that are new or changed in this push must name the pusher as their person. */
function changedEntriesByOthers(
  before: unknown,
  after: unknown,
  [keyField, personField]: [string, string],
  username: string,
): boolean {
  const previous = new Map(entriesOf(before, keyField, personField).map((e) => [e.key, e.entry]));
  return entriesOf(after, keyField, personField).some(
    ({ key, person, entry }) => !sameContent(previous.get(key), entry) && person !== username,
  );
}

/** A single person field that changed in this push (or was set on a new record) must be the pusher. */
function changedFieldByOther(
  before: Fields | undefined,
  after: Fields,
  field: string,
  username: string,
) {
  const value = after[field];
  if (before ? sameContent(before[field], value) : value === '') return false;
  return value !== username;
}

function jobIdentityBlocker(before: Fields | undefined, after: Fields, username: string) {
  const assignmentChanged = before
    ? before.technician !== after.technician ||
      before.bay !== after.bay ||
      before.dispatchedBy !== after.dispatchedBy ||
      before.dispatchedAt !== after.dispatchedAt
    : after.technician !== '' || after.bay !== '';
  if (assignmentChanged && after.dispatchedBy !== username) return true;
  return (
    changedEntriesByOthers(
      before?.operations,
      after.operations,
      ['operationId', 'doneBy'],
      username,
    ) || changedEntriesByOthers(before?.findings, after.findings, ['id', 'foundBy'], username)
  );
}

const ADDED_WORK_PEOPLE = ['pricedBy', 'startedBy', 'doneBy'];

/**
 * The names inside a record that say who did a step, checked where this push
 * sets or changes them: a job's dispatcher, an operation's doneBy, a
 * finding's foundBy, added work's pricedBy/startedBy/doneBy, a sign-off's
 * role, a rework's failedBy (the signer who failed the check, who writes it).
 */
export function identityFieldBlocker(
  collection: CollectionName,
  before: Fields | undefined,
  after: Fields,
  pusher: Pusher,
): ErrorCode | null {
  const { username } = pusher;
  switch (collection) {
    case 'jobs':
      return jobIdentityBlocker(before, after, username) ? 'AUTHOR_NOT_SIGNED_IN' : null;
    case 'added_work':
      return ADDED_WORK_PEOPLE.some((field) => changedFieldByOther(before, after, field, username))
        ? 'AUTHOR_NOT_SIGNED_IN'
        : null;
    case 'sign_offs':
      return after.signerRole === pusher.role ? null : 'SIGNOFF_ROLE_FORBIDDEN';
    case 'rework_records':
      return after.failedBy === username ? null : 'REWORK_SIGNER_MISMATCH';
    default:
      return null;
  }
}
