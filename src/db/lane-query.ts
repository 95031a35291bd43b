/**
 * RxDB's queries over a collection's table in the lane store: RxDB plans the
 * query (which index, which key range, whether the index alone decides and
 * sorts), and this walks that index range with Dexie. RxDB's own Dexie
 * storage does the same on a database with one table named "docs"; the lane
 * store holds every collection in one database, so the table is named here.
 */
import type { Table } from 'dexie';
import {
  getQueryMatcher,
  getSortComparator,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';
import { fromDexieToStorage, getKeyRangeByQueryPlan } from 'rxdb/plugins/storage-dexie';

type Fields = Record<string, unknown>;
type Doc = RxDocumentData<Fields>;

export interface QueriedTable {
  table: Table;
  schema: Readonly<RxJsonSchema<Doc>>;
  booleanIndexes: string[];
}

/** The index range of the plan as Dexie walks it; undefined when no key can be in it. */
function rangeOf({ table, booleanIndexes }: QueriedTable, query: PreparedQuery<Fields>) {
  const { queryPlan } = query;
  let range: IDBKeyRange;
  try {
    range = getKeyRangeByQueryPlan(booleanIndexes, queryPlan, globalThis.IDBKeyRange);
  } catch (error) {
    // IndexedDB refuses a range whose start lies after its end: nothing matches.
    if ((error as { name?: string }).name === 'DataError') return undefined;
    throw error;
  }
  const fields = queryPlan.index;
  const indexName = fields.length === 1 ? String(fields[0]) : `[${fields.join('+')}]`;
  return table
    .where(indexName)
    .between(range.lower, range.upper, !range.lowerOpen, !range.upperOpen);
}

export async function laneQuery(
  target: QueriedTable,
  query: PreparedQuery<Fields>,
): Promise<{ documents: Doc[] }> {
  const { queryPlan } = query;
  const skip = query.query.skip ?? 0;
  const limit = typeof query.query.limit === 'number' ? query.query.limit : Infinity;
  let walk = rangeOf(target, query);
  if (!walk) return { documents: [] };
  const toStorage = (row: unknown) => fromDexieToStorage<Fields>(target.booleanIndexes, row);
  if (!queryPlan.selectorSatisfiedByIndex) {
    const matches = getQueryMatcher(target.schema, query.query as never);
    walk = walk.filter((row) => matches(toStorage(row) as never));
  }
  // In index order the first skip + limit rows are all it takes.
  if (queryPlan.sortSatisfiedByIndex && Number.isFinite(limit)) walk = walk.limit(skip + limit);
  let documents = (await walk.toArray()).map(toStorage);
  if (!queryPlan.sortSatisfiedByIndex)
    documents = documents.sort(getSortComparator(target.schema, query.query as never));
  return { documents: documents.slice(skip, skip + limit) };
}

/** How many documents the plan's index range holds (the caller checked the index decides). */
export async function laneCount(target: QueriedTable, query: PreparedQuery<Fields>) {
  const walk = rangeOf(target, query);
  return walk ? walk.count() : 0;
}
