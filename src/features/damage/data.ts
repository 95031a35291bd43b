/**
 * The only place the damage feature touches the database: markers on the
 * car diagram of one order. Removing a marker keeps it with `removed` so it
 * can be undone and the record shows what was once marked.
 */
import { useLiveRxQuery } from 'rxdb/plugins/react';
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
  const existing = await database.damage_marks.find({ selector: { orderId } }).exec();
  const mark: DamageMark = {
    id: newDocumentId(),
    orderId,
    ...newRecordFields(author),
    number: nextMarkNumber(existing.map((document) => document.toJSON())),
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
  const { results } = useLiveRxQuery<DamageMark>({ collection: database.damage_marks, query });
  return useMemo(
    () =>
      results
        .map((document) => document.toJSON() as DamageMark)
        .sort((a, b) => a.number - b.number),
    [results],
  );
}
