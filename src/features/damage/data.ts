/**
 * The only place the damage feature touches the database: markers on the
 * car diagram of one order. Removing a marker keeps it with `removed` so it
 * can be undone and the record shows what was once marked.
 */
import { useRecords } from '../../components/use-records.js';
import { useMemo } from 'react';
import {
  newDocumentId,
  nextMarkNumber,
  type DamageMark,
  type DamageView,
} from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import {
  insertRecords,
  modifyRecord,
  newRecordFields,
  type Author,
} from '../../db/record-writes.js';

export type DamageMarkEdit = Partial<
  Pick<DamageMark, 'x' | 'y' | 'type' | 'size' | 'note' | 'photoIds' | 'removed'>
>;

export async function addDamageMark(
  database: LaneDatabase,
  author: Author,
  orderId: string,
  position: { view: DamageView; x: number; y: number },
): Promise<DamageMark> {
  const marks = database.records.damage_marks;
  const existing = await marks.find({ selector: { orderId } }).exec();
  const mark: DamageMark = {
    id: newDocumentId(),
    orderId,
    ...newRecordFields(author),
    number: nextMarkNumber(existing.map((document) => marks.plain<DamageMark>(document))),
    ...position,
    type: 'scratch',
    size: 'small',
    note: '',
    photoIds: [],
    removed: false,
    conflicts: [],
  };
  await insertRecords(database, 'damage_marks', [mark]);
  return mark;
}

export function editDamageMark(
  database: LaneDatabase,
  author: Author,
  id: string,
  edit: DamageMarkEdit,
): Promise<DamageMark> {
  return modifyRecord<DamageMark>(database, 'damage_marks', author, id, (current) => ({
    ...current,
    ...edit,
  }));
}

/** Every marker of the order, removed ones included (the caller filters), by number. */
export function useDamageMarks(database: LaneDatabase, orderId: string): DamageMark[] {
  const query = useMemo(
    () => ({ selector: { orderId }, sort: [{ id: 'asc' as const }] }),
    [orderId],
  );
  const { records } = useRecords<DamageMark>(database.records.damage_marks, query);
  return useMemo(() => [...records].sort((a, b) => a.number - b.number), [records]);
}
