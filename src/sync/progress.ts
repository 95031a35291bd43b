/**
 * The progress of a long sync (a new tablet's first pull, a day's offline
 * backlog): counted by the engine as answers and pages arrive, shown by the
 * indicator with an estimate of the time left.
 */
import type { SyncProgress } from './sync-store.js';

/** Below this many records a sync is over before a progress bar could help anyone. */
export const PROGRESS_FROM = 500;

/** Milliseconds left at the rate so far; null until a second has passed and something is done. */
export function timeLeftMs(progress: SyncProgress, now: number): number | null {
  const elapsed = now - progress.startedAt;
  if (elapsed < 1_000 || progress.done <= 0) return null;
  const left = Math.max(0, progress.total - progress.done);
  return (left / progress.done) * elapsed;
}

/** Counts one direction of a cycle's work and reports it while it is large enough to show. */
export class ProgressCounter {
  private done = 0;
  private readonly startedAt = Date.now();

  constructor(
    private readonly direction: SyncProgress['direction'],
    private readonly report: (progress: SyncProgress | null) => void,
    private known = 0,
  ) {}

  /** `count` more records done; `stillWaiting`, when the server said, is what is left after them. */
  add(count: number, stillWaiting?: number): void {
    this.done += count;
    if (stillWaiting !== undefined) this.known = this.done + stillWaiting;
    const total = Math.max(this.known, this.done);
    if (total < PROGRESS_FROM || this.done >= total) return;
    this.report({ direction: this.direction, done: this.done, total, startedAt: this.startedAt });
  }
}
