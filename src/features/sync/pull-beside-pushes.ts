/**
 * Keeps a pulled page from overtaking a push of the same collection. RxDB
 * sets aside a pulled state of a record whose local edit it has not yet
 * recorded as pushed, and moves its pull checkpoint past it all the same;
 * if that push had reached the server before the pulled state was written,
 * it is accepted without a conflict and nothing brings the pulled state
 * back. RxDB lets stream events in only while no push runs; pulls are held
 * to the same here, and pulled again when a push overlapped them.
 */
import { combineLatest, filter, firstValueFrom } from 'rxjs';
import type { RxReplicationState } from 'rxdb/plugins/replication';

/** After this many pulls overlapped by pushes, the page is taken once pushes have settled. */
const MAX_PULLS_PER_PAGE = 3;

type Replication = Pick<RxReplicationState<unknown, unknown>, 'internalReplicationState'>;

export async function pullBesidePushes<T>(
  replication: () => Replication | undefined,
  pull: () => Promise<T>,
): Promise<T> {
  const events = replication()?.internalReplicationState?.events;
  if (!events) return pull();
  const pushing = events.active.up;
  const settled = () =>
    firstValueFrom(
      combineLatest([pushing, events.canceled]).pipe(
        filter(([active, canceled]) => !active || canceled),
      ),
    );
  let pushesStarted = 0;
  const counting = pushing.subscribe((active) => {
    if (active) pushesStarted += 1;
  });
  try {
    for (let attempt = 1; ; attempt += 1) {
      await settled();
      const before = pushesStarted;
      const page = await pull();
      if (pushesStarted === before) return page;
      if (attempt >= MAX_PULLS_PER_PAGE) {
        await settled();
        return page;
      }
    }
  } finally {
    counting.unsubscribe();
  }
}
