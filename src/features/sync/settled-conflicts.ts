/**
 * A conflict that the tablet resolves to exactly the server's copy leaves
 * nothing to push: what the tablet sent is in the server's state already
 * (its own earlier write, stored but never answered, that others built on;
 * or a sign-off the server answers with its receipt-stamped copy). RxDB sends
 * nothing more, so the outbox must count the edit as on the server.
 */
import type { RxConflictHandler, RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';

function idOf(document: unknown): string {
  return (document as { id: string }).id;
}

/** Ids of the conflicts whose resolution by `handler` is the server's copy itself. */
export async function settledByServerCopy(
  handler: RxConflictHandler<unknown>,
  rows: readonly RxReplicationWriteToMasterRow<unknown>[],
  conflicts: readonly WithDeleted<unknown>[],
): Promise<Set<string>> {
  const settled = new Set<string>();
  for (const realMasterState of conflicts) {
    const row = rows.find((each) => idOf(each.newDocumentState) === idOf(realMasterState));
    if (!row) continue;
    const input = {
      newDocumentState: row.newDocumentState,
      realMasterState,
      ...(row.assumedMasterState ? { assumedMasterState: row.assumedMasterState } : {}),
    };
    const resolved = await handler.resolve(input, 'outbox-settled');
    if (handler.isEqual(resolved, realMasterState, 'outbox-settled'))
      settled.add(idOf(row.newDocumentState));
  }
  return settled;
}
