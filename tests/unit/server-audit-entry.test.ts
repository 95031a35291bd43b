import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  auditActionOf,
  auditEntryMac,
  changedFieldsOf,
  legacyAuditEntryHash,
  stateHashOf,
  writtenValuesOf,
  type LegacyAuditEntry,
  type UnhashedAuditEntry,
} from '../../sync-server/audit/audit-entry.js';
import { csvCell } from '../../sync-server/audit/audit-csv.js';
import { canonicalJson } from '../../src/schema/index.js';
import type { StoredDocument } from '../../sync-server/database/document-store.js';

/** What an audit entry says about a write, and what its hash covers. */
const order: StoredDocument = {
  id: 'order-0001',
  siteId: 'demo-site',
  concern: '刹车异响',
  vehicle: { plate: '京A·12345', model: 'Sagitar' },
  updatedAt: 1000,
  _deleted: false,
};

const entry: LegacyAuditEntry = {
  seq: 7,
  siteId: 'demo-site',
  serverTime: 2000,
  deviceTime: 1000,
  username: 'advisor1',
  deviceId: 'lane-tablet-1',
  collection: 'repair_orders',
  recordId: 'order-0001',
  action: 'update',
  changedFields: ['concern'],
  prevHash: GENESIS_HASH,
};

describe('audit entries', () => {
  it('names only the top-level fields that changed, a nested change by its top field', () => {
    const next = { ...order, vehicle: { plate: '京A·12345', model: 'Lavida' }, updatedAt: 1500 };
    expect(changedFieldsOf('repair_orders', order, next)).toEqual(['updatedAt', 'vehicle']);
    const withoutConcern: StoredDocument = { ...order };
    delete withoutConcern.concern;
    expect(changedFieldsOf('repair_orders', order, withoutConcern)).toEqual(['concern']);
  });

  it('lists every field of a new record and of an append-only one, never the deletion flag', () => {
    expect(changedFieldsOf('repair_orders', undefined, order)).toEqual([
      'concern',
      'id',
      'siteId',
      'updatedAt',
      'vehicle',
    ]);
    expect(changedFieldsOf('sign_offs', order, order)).toHaveLength(5);
  });

  it('tells a create, an update and a delete apart', () => {
    expect(auditActionOf(undefined, order)).toBe('create');
    expect(auditActionOf(order, { ...order, concern: '异响' })).toBe('update');
    expect(auditActionOf(order, { ...order, _deleted: true })).toBe('delete');
  });

  it('says what was written: each changed field’s new value, null for one removed', () => {
    const next: StoredDocument = { ...order, concern: '异响', updatedAt: 1500 };
    delete next.vehicle;
    const changed = changedFieldsOf('repair_orders', order, next);
    expect(writtenValuesOf(next, changed)).toEqual({
      concern: '异响',
      updatedAt: 1500,
      vehicle: null,
    });
    // The state hash is of the record as stored, whatever the key order.
    const reordered = Object.fromEntries(Object.entries(next).reverse());
    expect(stateHashOf(reordered)).toBe(stateHashOf(next));
    expect(stateHashOf({ ...next, concern: '刹车' })).not.toBe(stateHashOf(next));
  });

  it('hashes every field of an entry from before migration 6 and the link before it', () => {
    const hash = legacyAuditEntryHash(entry);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(legacyAuditEntryHash({ ...entry })).toBe(hash);
    for (const changed of [
      { username: 'foreman1' },
      { seq: 8 },
      { deviceTime: 1001 },
      { changedFields: ['concern', 'updatedAt'] },
      { prevHash: 'f'.repeat(64) },
    ]) {
      expect(legacyAuditEntryHash({ ...entry, ...changed })).not.toBe(hash);
    }
  });

  it('keys every field of an entry with the chain key: another key, another MAC', () => {
    const keyed: UnhashedAuditEntry = {
      ...entry,
      written: { concern: '刹车异响' },
      stateHash: stateHashOf(order),
    };
    const key = Buffer.alloc(32, 7);
    const mac = auditEntryMac(keyed, key);
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(auditEntryMac({ ...keyed }, key)).toBe(mac);
    expect(auditEntryMac(keyed, Buffer.alloc(32, 8))).not.toBe(mac);
    expect(mac).not.toBe(legacyAuditEntryHash(keyed));
    for (const changed of [
      { username: 'foreman1' },
      { written: { concern: '异响' } },
      { stateHash: 'f'.repeat(64) },
      { prevHash: 'f'.repeat(64) },
      { action: 'delete' as const },
    ]) {
      expect(auditEntryMac({ ...keyed, ...changed }, key)).not.toBe(mac);
    }
  });

  it('is the same MAC when the caller hands over the written values already serialised', () => {
    const key = Buffer.alloc(32, 7);
    for (const written of [
      { concern: '刹车异响', vehicle: { plate: '京A·12345', model: 'Sagitar' } },
      { note: 'ends like a placeholder \u0000written', list: [1, { b: 2, a: '"}' }] },
      {},
      { removed: null },
    ]) {
      const keyed: UnhashedAuditEntry = { ...entry, written, stateHash: stateHashOf(order) };
      expect(auditEntryMac(keyed, key, canonicalJson(written))).toBe(auditEntryMac(keyed, key));
    }
    expect(stateHashOf(order, canonicalJson(order))).toBe(stateHashOf(order));
  });
});

describe('audit CSV cells', () => {
  it('quotes what CSV needs quoted and defuses spreadsheet formulas', () => {
    expect(csvCell('tablet 1')).toBe('tablet 1');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
  });
});
