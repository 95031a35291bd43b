import type { Page } from 'playwright-core';
import type { CollectionName } from '../../../src/schema/index.js';
import { sharedCollectionOf } from '../../../src/db/record-layout.js';

/**
 * Reads one record type straight from the tablet's IndexedDB, as a check
 * that does not go through the app. The lane store (src/db/lane-store.ts) is
 * one database, `<name>--lane`, with a table per collection; a type in a
 * shared collection (src/db/record-layout.ts) is told apart by its
 * `recordType`.
 */
export async function recordsOnTablet<T>(page: Page, type: CollectionName): Promise<T[]> {
  const collection = sharedCollectionOf(type) ?? type;
  const shared = collection !== type;
  return page.evaluate(
    async ({ name, recordType }) => {
      const open = (database: string) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(database);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const readAll = (database: IDBDatabase) =>
        new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const request = database.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
          request.onerror = () => reject(request.error);
        });
      const names = (await indexedDB.databases()).map((info) => info.name ?? '');
      const found: unknown[] = [];
      for (const database of names.filter((each) => each.endsWith('--lane'))) {
        const opened = await open(database);
        for (const document of await readAll(opened)) {
          if (recordType === null) found.push(document);
          else if (document.recordType === recordType) {
            const { recordType: _type, recordKey: _key, ...record } = document;
            found.push(record);
          }
        }
        opened.close();
      }
      return found;
    },
    { name: collection, recordType: shared ? type : null },
  ) as Promise<T[]>;
}
