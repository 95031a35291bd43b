/**
 * A RecordSet is one record type's view of the collection it is stored in
 * (record-layout.ts): ids in and records out, as if the type had its own
 * collection. Queries, live screens and writes go through it, so neither a
 * screen nor the sync engine sees a shared collection's layout fields.
 */
import type { MangoQuery, MangoQuerySelector, RxCollection, RxDocument } from 'rxdb';
import { COLLECTION_NAMES, type CollectionName } from '../schema/index.js';
import { recordKey, sharedCollectionOf } from './record-layout.js';

export interface StoredRecord {
  id: string;
  [field: string]: unknown;
}

export interface RecordSet {
  readonly type: CollectionName;
  /** The RxDB collection the records are in; give it only what this set prepares. */
  readonly collection: RxCollection;
  /** A record's primary key in the collection. */
  key(id: string): string;
  /** A record as the collection stores it. */
  stored<T extends { id: string }>(record: T): T;
  /** A stored document (or its data) as the record, without RxDB's or the layout's fields. */
  plain<T = StoredRecord>(document: RxDocument<unknown> | object): T;
  /** A query of this type's records. */
  query(query?: MangoQuery): MangoQuery;
  findOne(id: string): ReturnType<RxCollection['findOne']>;
  find(query?: MangoQuery): ReturnType<RxCollection['find']>;
  count(query?: MangoQuery): ReturnType<RxCollection['count']>;
  /** The stored documents of these records that exist, by record id. */
  findByIds(ids: readonly string[]): Promise<Map<string, RxDocument<unknown>>>;
}

function dataOf(document: RxDocument<unknown> | object): Record<string, unknown> {
  const maybe = document as Partial<RxDocument<unknown>>;
  return (typeof maybe.toJSON === 'function' ? maybe.toJSON() : document) as Record<
    string,
    unknown
  >;
}

/** The set of a type with a collection of its own: the collection as it is. */
function ownSet(type: CollectionName, collection: RxCollection): RecordSet {
  const set: RecordSet = {
    type,
    collection,
    key: (id) => id,
    stored: (record) => record,
    plain: <T>(document: RxDocument<unknown> | object) => dataOf(document) as T,
    query: (query = {}) => query as MangoQuery,
    findOne: (id) => collection.findOne(id),
    find: (query) => collection.find(set.query(query)),
    count: (query) => collection.count(set.query(query)),
    findByIds: async (ids) => collection.findByIds([...ids]).exec(),
  };
  return set;
}

/** The set of a type in a shared collection: its records, told apart by recordType. */
function sharedSet(type: CollectionName, collection: RxCollection): RecordSet {
  const set: RecordSet = {
    type,
    collection,
    key: (id) => recordKey(type, id),
    stored: (record) => ({ ...record, recordType: type, recordKey: recordKey(type, record.id) }),
    plain: <T>(document: RxDocument<unknown> | object) => {
      const { recordType: _type, recordKey: _key, ...record } = dataOf(document);
      return record as T;
    },
    query: ({ selector, ...rest } = {}) => ({
      ...rest,
      selector: { ...(selector as MangoQuerySelector<unknown>), recordType: type },
    }),
    findOne: (id) => collection.findOne(set.key(id)),
    find: (query) => collection.find(set.query(query)),
    count: (query) => collection.count(set.query(query)),
    findByIds: async (ids) => {
      const found = await collection.findByIds(ids.map((id) => set.key(id))).exec();
      return new Map(
        [...found.values()].map((document) => [document.get('id') as string, document]),
      );
    },
  };
  return set;
}

export type RecordSets = { readonly [K in CollectionName]: RecordSet };

/** A set for every record type, over the collections the database has open. */
export function recordSets(collections: Record<string, RxCollection>): RecordSets {
  const sets = COLLECTION_NAMES.map((type) => {
    const shared = sharedCollectionOf(type);
    const collection = collections[shared ?? type];
    if (!collection) throw new Error(`the collection of ${type} is not open`);
    return [type, shared ? sharedSet(type, collection) : ownSet(type, collection)] as const;
  });
  return Object.fromEntries(sets) as unknown as RecordSets;
}
