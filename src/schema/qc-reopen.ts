import type { ErrorCode } from './errors.js';
import type { ReworkRecord } from './rework.js';
import type { Role } from './roles.js';
import type { SignOff } from './sign-off.js';
import { currentRound, nextSignOffLevel, type HistoryEntry } from './workshop-rules.js';

/**
 * Reopening a job after its final pass ("Reopen job"), written once for the
 * tablet and the server: the foreman opens a rework record with reason
 * 'reopened' naming the final pass it voids. It counts like a failed final
 * check, so the passed round is superseded, the job goes back to rework and
 * may be edited again, and the three checks start again in the next round.
 */

/** Who may reopen a job whose final check passed: who signs the final check. */
export const REOPEN_ROLES: readonly Role[] = ['foreman'];

type ReworkEntry = Pick<ReworkRecord, 'level' | 'round' | 'createdBy'> &
  Partial<Pick<ReworkRecord, 'reason'>>;

export function isReopening(rework: Partial<Pick<ReworkRecord, 'reason'>>): boolean {
  return rework.reason === 'reopened';
}

/** A job's check history: its sign-offs, and each reopening as a failed final check of its round. */
export function qcHistory(
  signOffs: readonly HistoryEntry[],
  reworks: readonly ReworkEntry[],
): HistoryEntry[] {
  const reopenings = reworks.filter(isReopening).map((rework): HistoryEntry => ({
    level: 'final',
    result: 'fail',
    round: rework.round,
    createdBy: rework.createdBy,
    // A reopening signs no content; no sign-off's hash is empty.
    contentHash: '',
  }));
  return [...signOffs, ...reopenings];
}

/** Was this sign-off superseded by a reopening of its round (shown as void)? */
export function voidedByReopening(
  signOff: Pick<SignOff, 'round' | 'result'>,
  reworks: readonly ReworkEntry[],
): boolean {
  return (
    signOff.result === 'pass' &&
    reworks.some((rework) => isReopening(rework) && rework.round === signOff.round)
  );
}

type ReopenCandidate = Pick<ReworkRecord, 'signOffId' | 'level' | 'round' | 'whatFailed'>;
type StoredSignOff = HistoryEntry & Pick<SignOff, 'id'>;

/**
 * Why this reopening may not be stored, or null: the reopener's role, a reason,
 * and the final pass it names standing as the job's current round.
 */
export function reopenBlocker(
  reopening: ReopenCandidate,
  role: Role,
  signOffs: readonly StoredSignOff[],
  reworks: readonly ReworkEntry[],
): ErrorCode | null {
  if (!REOPEN_ROLES.includes(role)) return 'ROLE_FORBIDDEN';
  if (reopening.whatFailed.trim() === '') return 'REOPEN_REASON_REQUIRED';
  const history = qcHistory(signOffs, reworks);
  const pass = signOffs.find((signOff) => signOff.id === reopening.signOffId);
  const standing =
    nextSignOffLevel(history) === null &&
    pass !== undefined &&
    pass.level === 'final' &&
    pass.result === 'pass' &&
    pass.serverCheck !== 'refused' &&
    pass.round === currentRound(history) &&
    reopening.level === 'final' &&
    reopening.round === pass.round;
  return standing ? null : 'REOPEN_WITHOUT_FINAL_PASS';
}
