/**
 * One local change at a time per database in this page. A save and a pulled
 * page are each one IndexedDB transaction already (lane-storage.ts); a
 * merged conflict (resolve-conflict.ts) is a read, a merge and two writes,
 * and must not have a save or a pulled page slip in between, or a pulled
 * state could look like the person's own edit.
 */
const queues = new WeakMap<object, Promise<unknown>>();

export function withWriteLock<T>(database: object, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(database) ?? Promise.resolve();
  const run = previous.then(work, work);
  queues.set(
    database,
    run.catch(() => undefined),
  );
  return run;
}
