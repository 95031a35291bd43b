/**
 * RxDB's upstream takes a record's state when it looks for local changes,
 * but reads the server state it assumes for it only when the push goes out,
 * which can be a whole push later. A pulled state written in between (another
 * tablet's edit) then makes it push the older state it took over the newer
 * one, undoing that edit without a conflict. When the tablet's current copy
 * is the assumed server state, there is nothing to push: such a row is not
 * sent but answered with that state as the server's, and RxDB drops it, as
 * the copy it took is no longer there.
 */
import type { RxCollection, RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';

type Rows = RxReplicationWriteToMasterRow<unknown>[];

function idOf(document: unknown): string {
  return (document as { id: string }).id;
}

export async function setAsideOutdatedRows(
  collection: RxCollection<unknown>,
  rows: Rows,
): Promise<{ current: Rows; outdated: WithDeleted<unknown>[] }> {
  const { conflictHandler } = collection;
  const ids = rows.filter((row) => row.assumedMasterState).map((row) => idOf(row.newDocumentState));
  if (ids.length === 0) return { current: rows, outdated: [] };
  const stored = await collection.storageInstance.findDocumentsById(ids, false);
  const byId = new Map(stored.map((document) => [idOf(document), document]));
  const current: Rows = [];
  const outdated: WithDeleted<unknown>[] = [];
  for (const row of rows) {
    const now = byId.get(idOf(row.newDocumentState)) as WithDeleted<unknown> | undefined;
    const assumed = row.assumedMasterState;
    const nothingToPush =
      now !== undefined &&
      assumed !== undefined &&
      conflictHandler.isEqual(now, assumed, 'outdated-row') &&
      !conflictHandler.isEqual(now, row.newDocumentState, 'outdated-row');
    if (nothingToPush) outdated.push(assumed);
    else current.push(row);
  }
  return { current, outdated };
}
