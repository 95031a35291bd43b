import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneDatabase } from '../../db/create-database.js';
import {
  AUDIT_EVENT_SUBJECTS,
  isCollectionName,
  type AuditEntry,
  type CollectionName,
  type EnrolledDevice,
  type SiteUser,
} from '../../schema/index.js';

/** How the audit log names what its entries hold, in the reader's language. */
export interface AuditWords {
  /** "Li Na 李娜" for advisor1; the server's own entries as "The server". */
  person(username: string): string;
  /** The tablet's name as enrolled; an id the site never enrolled as "Tablet <id>". */
  tablet(deviceId: string): string;
  /** "Repair order", "Check sign-off", "User". */
  recordType(collection: string): string;
  /** The order number of the record's order, the person, the tablet; else the record's id. */
  record(entry: AuditEntry): string;
  /** "Fuel level" for fuelEighths. */
  field(name: string): string;
}

const SERVER_ACTORS = new Set(['system']);

/** The order number each entry's record belongs to, read from the records on this tablet. */
function useOrderNumbers(database: LaneDatabase, entries: AuditEntry[]): Map<string, string> {
  const [numbers, setNumbers] = useState(new Map<string, string>());
  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = () =>
      void orderNumbersOf(database, entries).then((found) => current && setNumbers(found));
    look();
    // Records still arriving on a tablet that just synced are named once they are stored.
    const arrivals = database.$.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(look, 300);
    });
    return () => {
      current = false;
      clearTimeout(timer);
      arrivals.unsubscribe();
    };
  }, [database, entries]);
  return numbers;
}

const keyOf = (collection: string, id: string) => `${collection}/${id}`;

/**
 * Keyed by collection/id. A record not on this tablet (another site's, or
 * removed) has none; the table then shows its id.
 */
export async function orderNumbersOf(
  database: LaneDatabase,
  entries: AuditEntry[],
): Promise<Map<string, string>> {
  const idsByType = new Map<CollectionName, Set<string>>();
  for (const entry of entries) {
    if (!isCollectionName(entry.collection)) continue;
    const ids = idsByType.get(entry.collection) ?? new Set<string>();
    ids.add(entry.recordId);
    idsByType.set(entry.collection, ids);
  }
  const orderIdOf = new Map<string, string>();
  for (const [type, ids] of idsByType) {
    const set = database.records[type];
    for (const [id, document] of await set.findByIds([...ids])) {
      const record = set.plain<{ id: string; orderId?: string }>(document);
      orderIdOf.set(keyOf(type, id), type === 'repair_orders' ? record.id : (record.orderId ?? ''));
    }
  }
  const orderIds = [...new Set(orderIdOf.values())].filter(Boolean);
  const orders = database.records.repair_orders;
  const numberOfOrder = new Map<string, string>();
  for (const [id, document] of await orders.findByIds(orderIds)) {
    numberOfOrder.set(id, orders.plain<{ orderNumber: string }>(document).orderNumber);
  }
  const numbers = new Map<string, string>();
  for (const [key, orderId] of orderIdOf) {
    const number = numberOfOrder.get(orderId);
    if (number) numbers.set(key, number);
  }
  return numbers;
}

export function useAuditWords(
  database: LaneDatabase,
  entries: AuditEntry[],
  users: SiteUser[],
  devices: EnrolledDevice[],
): AuditWords {
  const { t, i18n } = useTranslation();
  const numbers = useOrderNumbers(database, entries);
  const nameOf = new Map(users.map((user) => [user.username, user.displayName]));
  const tabletOf = new Map(devices.map((device) => [device.id, device.name]));
  const person = (username: string) =>
    SERVER_ACTORS.has(username) ? t('admin.audit.system') : (nameOf.get(username) ?? username);
  const known = (group: 'types' | 'fields', name: string) =>
    i18n.exists(`admin.audit.${group}.${name}`) ? t(`admin.audit.${group}.${name}`) : name;
  return {
    person,
    tablet: (deviceId) =>
      SERVER_ACTORS.has(deviceId)
        ? t('admin.audit.system')
        : (tabletOf.get(deviceId) ??
          (deviceId.startsWith('cli:')
            ? deviceId.slice(4)
            : t('admin.audit.unknownTablet', { id: deviceId }))),
    recordType: (collection) => known('types', collection),
    record: (entry) => {
      if (entry.collection === AUDIT_EVENT_SUBJECTS.devices)
        return tabletOf.get(entry.recordId) ?? entry.recordId;
      if (!isCollectionName(entry.collection)) return person(entry.recordId);
      return numbers.get(keyOf(entry.collection, entry.recordId)) ?? entry.recordId;
    },
    field: (name) => known('fields', name),
  };
}
