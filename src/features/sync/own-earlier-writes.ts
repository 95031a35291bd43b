/**
 * A push the server stored but whose answer never came back (the tab closed,
 * the connection dropped) leaves RxDB unaware of it: the next push of that
 * record still says the server has nothing (or an older state), and the server
 * answers with its current state — the tablet's own earlier write — as a
 * conflict. Merged without a common base, every field edited since would show
 * as a conflict with oneself. That state is an ancestor of what the tablet
 * holds now, so the row is pushed again on top of it instead.
 */
import type { RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import type { PushOutcome } from '../../db/outbox.js';
import type { SentStates } from '../../db/sent-states.js';

type PushRows = RxReplicationWriteToMasterRow<unknown>[];

function idOf(document: unknown): string {
  return (document as { id: string }).id;
}

export async function pushAgainOverOwnEarlierWrites(
  rows: PushRows,
  outcome: PushOutcome,
  sent: SentStates,
  push: (rows: PushRows) => Promise<PushOutcome>,
): Promise<PushOutcome> {
  const again: PushRows = [];
  const conflicts: WithDeleted<unknown>[] = [];
  for (const current of outcome.conflicts) {
    const row = rows.find((each) => idOf(each.newDocumentState) === idOf(current));
    if (row && (await sent.wasSent(current as object))) {
      again.push({ newDocumentState: row.newDocumentState, assumedMasterState: current });
    } else {
      conflicts.push(current);
    }
  }
  if (again.length === 0) return outcome;
  const second = await push(again);
  return {
    conflicts: [...conflicts, ...second.conflicts],
    rejected: [...outcome.rejected, ...second.rejected],
  };
}

/** Rows the server now holds as pushed: answered, neither in conflict nor refused. */
export function acceptedIds(rows: PushRows, { conflicts, rejected }: PushOutcome): string[] {
  const notAccepted = new Set([
    ...conflicts.map(idOf),
    ...rejected.map((rejection) => rejection.id),
  ]);
  return rows.map((row) => idOf(row.newDocumentState)).filter((id) => !notAccepted.has(id));
}
