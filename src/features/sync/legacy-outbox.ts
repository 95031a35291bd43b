/**
 * Outbox entries written before the engine kept mutations (outbox version 2)
 * named only a changed record. Before the first push each gets the record's
 * stored state and its last editor as author; its base is unknown, so if the
 * server holds the record, the push meets it as a conflict and merges. A
 * refusal it carried came from a server that believed the names in records;
 * it is judged again.
 */
import type { RxCollection } from 'rxdb';
import { isCollectionName } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { wireJson } from '../../db/outbox.js';

export async function upgradeLegacyEntries(database: LaneDatabase): Promise<void> {
  const legacy = await database.outbox.find({ selector: { state: '' } }).exec();
  for (const document of legacy) {
    const name = document.collectionName;
    const records = isCollectionName(name)
      ? (database.collections[name] as unknown as RxCollection<{ updatedBy: string }>)
      : undefined;
    const record = await records?.findOne(document.documentId).exec();
    if (!record) {
      // Nothing left to send: the record is not on this tablet.
      await document.remove();
      continue;
    }
    const stored = record.toJSON() as { updatedBy: string; updatedAt: number };
    await document.incrementalModify(({ id, collectionName, documentId }) => ({
      id,
      collectionName,
      documentId,
      updatedAt: stored.updatedAt,
      author: stored.updatedBy,
      state: wireJson(stored),
      base: '',
      sent: false,
    }));
  }
}
