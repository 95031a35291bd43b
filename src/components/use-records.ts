/**
 * Live screens over one record type (src/db/record-sets.ts): the records as
 * plain objects, a new array only when the query's results change.
 */
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb';
import { useLiveRxQuery, useRxDocument } from 'rxdb/plugins/react';
import type { RecordSet } from '../db/record-sets.js';

/** The records a query finds, live; pass a memoised query. */
export function useRecords<T>(
  records: RecordSet,
  query: MangoQuery,
): { records: T[]; loading: boolean } {
  const typed = useMemo(() => records.query(query), [records, query]);
  const { results, loading } = useLiveRxQuery({ collection: records.collection, query: typed });
  const plain = useMemo(
    () => results.map((document) => records.plain<T>(document)),
    [records, results],
  );
  return { records: plain, loading };
}

/** One record by id, live; null while it is not stored. */
export function useRecord<T>(
  records: RecordSet,
  id: string,
): { record: T | null; loading: boolean } {
  const { result, loading } = useRxDocument(records.collection, records.key(id));
  // A new object per stored revision only, so what hashes it runs once per change.
  const record = useMemo(() => (result ? records.plain<T>(result) : null), [records, result]);
  return { record, loading };
}
