/**
 * One local change at a time per database in this page: a save (record and
 * its outbox mutation), a pulled page and a merged conflict never interleave,
 * so a pulled state can never slip between a record's write and its
 * mutation and look like the person's own edit. (Both stores in one
 * IndexedDB transaction would make this unnecessary.)
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
