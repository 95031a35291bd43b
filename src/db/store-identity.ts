/**
 * The id of this tablet database, kept in it (the lane store's meta table):
 * the server leaves what this database pushed, stored exactly as sent, out of
 * its pulls (STORE_HEADER in src/schema/protocol.ts). A database made afresh
 * (a new tablet, wiped data) has a new id, so it is sent everything.
 */
import { newDocumentId } from '../schema/index.js';
import type { LaneStore } from './lane-store.js';

const STORE_ID_KEY = 'store-id';
const known = new WeakMap<LaneStore, Promise<string>>();

export function storeIdOf(store: LaneStore): Promise<string> {
  let id = known.get(store);
  if (!id) {
    id = readOrMake(store);
    known.set(store, id);
    // A failed read is tried again next time rather than remembered.
    id.catch(() => known.delete(store));
  }
  return id;
}

async function readOrMake(store: LaneStore): Promise<string> {
  return store.dexie.transaction('rw', store.meta, async () => {
    const kept = await store.meta.get(STORE_ID_KEY);
    if (typeof kept?.value === 'string') return kept.value;
    const made = newDocumentId();
    await store.meta.put({ key: STORE_ID_KEY, value: made });
    return made;
  });
}
