import type { Page } from 'playwright-core';

/**
 * Reads one synced collection straight from the tablet's IndexedDB (RxDB's
 * Dexie storage keeps a database per collection, named after it, with the
 * documents in its `docs` table), as a check that does not go through the app.
 */
export async function recordsOnTablet<T>(page: Page, collection: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const open = (database: string) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(database);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const readAll = (database: IDBDatabase) =>
      new Promise<unknown[]>((resolve, reject) => {
        const request = database.transaction('docs').objectStore('docs').getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error);
      });
    const names = (await indexedDB.databases()).map((info) => info.name ?? '');
    const found: unknown[] = [];
    for (const database of names.filter((each) => each.endsWith(`--${name}`))) {
      const opened = await open(database);
      found.push(...(await readAll(opened)));
      opened.close();
    }
    return found;
  }, collection) as Promise<T[]>;
}
