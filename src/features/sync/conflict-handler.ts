/**
 * Replaces RxDB's default conflict handler, which keeps the server's state
 * and silently drops the tablet's edit. Mutable records merge field by field
 * (src/schema/merge.ts) and keep every losing value as a conflict entry;
 * append-only records (signatures, photos) are final: the server's copy stands.
 */
import type { RxConflictHandler, WithDeleted } from 'rxdb';
import {
  mergeThreeWay,
  sameWireState,
  toWireState,
  type ConflictPolicy,
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

export function keepServerCopy<T>(): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => sameWireState(a as object, b as object),
    resolve: ({ realMasterState }) => Promise.resolve(realMasterState),
  };
}

// RxDB types each handler by its collection's document; the policy picks the behaviour.
export function conflictHandlerFor(policy: ConflictPolicy): RxConflictHandler<never> {
  return (policy === 'append-only'
    ? keepServerCopy()
    : createConflictHandler()) as unknown as RxConflictHandler<never>;
}
