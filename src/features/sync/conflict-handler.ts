/**
 * Replaces RxDB's default conflict handler, which keeps the server's state
 * and silently drops the tablet's edit. Ours merges field by field
 * (src/schema/merge.ts) and keeps every losing value as a conflict entry.
 */
import type { RxConflictHandler, WithDeleted } from 'rxdb';
import {
  mergeThreeWay,
  sameWireState,
  toWireState,
  type MergeableRecord,
} from '../../schema/index.js';

export function createConflictHandler<T extends MergeableRecord>(): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => sameWireState(a, b),
    resolve: ({ assumedMasterState, newDocumentState, realMasterState }) => {
      const { merged } = mergeThreeWay<WithDeleted<T>>(
        assumedMasterState && toWireState(assumedMasterState),
        toWireState(newDocumentState),
        toWireState(realMasterState),
      );
      return Promise.resolve(merged);
    },
  };
}
