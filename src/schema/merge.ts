import { canonicalJson, sameContent } from './canonical-json.js';
import { MAX_CONFLICT_ENTRIES, type ConflictEntry } from './conflict-entry.js';

/**
 * Three-way merge for mutable records, used by the tablet's conflict handler
 * (and by tests as the specification of what a conflict does).
 *
 * base   = the server state the tablet last saw (assumedMasterState),
 * local  = the tablet's edit, which the server refused as a conflict,
 * remote = the server's current state (realMasterState).
 *
 * Field by field, nested objects included: a field only one side changed
 * takes that side's value. Where both changed it to different values, the
 * edit that reaches the server later wins — that is the tablet's, which is
 * pushed again right after this merge — and the server's value is kept as a
 * ConflictEntry inside the record, so no edit is lost without a trace. The
 * server's order decides, never a tablet's clock.
 */
/** Fields set once at creation: the server's copy always stands. */
const IMMUTABLE_FIELDS = new Set(['id', 'siteId', 'orderId', 'createdAt', 'createdBy']);
/** Bookkeeping fields merged by their own rule, not by the field walk. */
const BOOKKEEPING_FIELDS = new Set(['updatedAt', 'updatedBy', 'conflicts']);

export interface MergeableRecord {
  updatedAt: number;
  updatedBy: string;
  conflicts: ConflictEntry[];
  [field: string]: unknown;
}

export interface MergeResult<T> {
  merged: T;
  newConflicts: ConflictEntry[];
}

export function mergeThreeWay<T extends MergeableRecord>(
  base: T | undefined,
  local: T,
  remote: T,
): MergeResult<T> {
  const newConflicts: ConflictEntry[] = [];
  const onBothChanged = (path: string, kept: unknown, lost: unknown): void => {
    // The server's copy of these stands (below): an entry would claim the tablet's was kept.
    if (IMMUTABLE_FIELDS.has(path)) return;
    newConflicts.push({
      path,
      keptValue: canonicalJson(kept),
      lostValue: canonicalJson(lost),
      lostBy: remote.updatedBy,
      lostAt: remote.updatedAt,
      resolvedAt: local.updatedAt,
    });
  };
  const fields = mergeObjects(
    '',
    (base ?? {}) as Record<string, unknown>,
    stripFields(local, BOOKKEEPING_FIELDS),
    stripFields(remote, BOOKKEEPING_FIELDS),
    onBothChanged,
  );
  for (const field of IMMUTABLE_FIELDS) {
    if (field in remote) fields[field] = remote[field];
  }
  const localChanged =
    base === undefined || !sameContent(stripBookkeeping(base), stripBookkeeping(local));
  const merged = {
    ...fields,
    updatedAt: Math.max(local.updatedAt, remote.updatedAt),
    updatedBy: localChanged ? local.updatedBy : remote.updatedBy,
    conflicts: unionConflicts(local.conflicts, remote.conflicts, newConflicts),
  } as T;
  return { merged, newConflicts };
}

function mergeObjects(
  prefix: string,
  base: Record<string, unknown>,
  local: Record<string, unknown>,
  remote: Record<string, unknown>,
  onBothChanged: (path: string, kept: unknown, lost: unknown) => void,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(local), ...Object.keys(remote)]);
  for (const key of [...keys].sort()) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const b = base[key];
    const l = local[key];
    const r = remote[key];
    let value: unknown;
    if (isPlainObject(l) && isPlainObject(r) && (b === undefined || isPlainObject(b))) {
      value = mergeObjects(path, (b ?? {}) as Record<string, unknown>, l, r, onBothChanged);
    } else if (sameContent(l, r) || sameContent(l, b)) {
      value = r;
    } else if (sameContent(r, b)) {
      value = l;
    } else {
      onBothChanged(path, l, r);
      value = l;
    }
    if (value !== undefined) result[key] = value;
  }
  return result;
}

function unionConflicts(...lists: ConflictEntry[][]): ConflictEntry[] {
  const byKey = new Map<string, ConflictEntry>();
  for (const entry of lists.flat()) byKey.set(canonicalJson(entry), entry);
  return [...byKey.entries()]
    .sort(([keyA, a], [keyB, b]) => a.resolvedAt - b.resolvedAt || keyA.localeCompare(keyB))
    .slice(-MAX_CONFLICT_ENTRIES)
    .map(([, entry]) => entry);
}

function stripFields<T extends object>(record: T, fields: Set<string>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!fields.has(key)) copy[key] = value;
  return copy;
}

function stripBookkeeping(record: object): Record<string, unknown> {
  return stripFields(record, BOOKKEEPING_FIELDS);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Fields RxDB keeps for itself on the tablet; they never travel or count in comparisons. */
const STORAGE_ONLY_FIELDS = new Set(['_meta', '_rev', '_attachments']);

export function toWireState<T extends object>(document: T): T {
  return stripFields(document, STORAGE_ONLY_FIELDS) as T;
}

export function sameWireState(a: object, b: object): boolean {
  return sameContent(toWireState(a), toWireState(b));
}
