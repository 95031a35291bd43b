import type { LaneDatabase } from '../../db/create-database.js';
import type { Author } from '../../db/record-writes.js';
import type { DamageMark } from '../../schema/index.js';
import { modifyRecord } from '../../db/record-writes.js';

/** Attaches a photo to a damage marker (against the newest marker state, so two photos never race). */
export function editDamageMarkPhotos(
  database: LaneDatabase,
  author: Author,
  markId: string,
  photoId: string,
) {
  return modifyRecord<DamageMark>(database, 'damage_marks', author, markId, (current) => ({
    ...current,
    photoIds: [...new Set([...current.photoIds, photoId])],
  }));
}
