import { useEffect, useState } from 'react';
import type { LaneDatabase } from '../../db/create-database.js';

/** Live number of local edits the server has not confirmed (the outbox size). */
export function usePendingCount(database: LaneDatabase): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const subscription = database.outbox.count().$.subscribe(setCount);
    return () => subscription.unsubscribe();
  }, [database]);
  return count;
}
