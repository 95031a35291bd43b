/**
 * A sign-off as it is being filled in, and the candidate the shared rule
 * judges: built the same way for the Sign button's live check and for the
 * write itself, so the screen never offers what the write would refuse.
 */
import {
  currentRound,
  signOffBlocker,
  SIGN_OFF_CHECKLISTS,
  type ChecklistAnswer,
  type CheckAnswer,
  type CheckItem,
  type ErrorCode,
  type HistoryEntry,
  type JobContent,
  type Role,
  type SignOffLevel,
  type SignOffResult,
} from '../../schema/index.js';

export interface SignOffInput {
  level: SignOffLevel;
  result: SignOffResult;
  checklist: readonly ChecklistAnswer[];
  /** What failed; required for a fail, ignored for a pass. */
  reasons: string;
  /** The cause of a failure, when known. */
  cause?: string;
}

export interface Signer {
  username: string;
  role: Role;
}

/** The level's checklist in its own order, with only the items answered. */
export function checklistFrom(
  level: SignOffLevel,
  answers: Partial<Record<CheckItem, CheckAnswer>>,
): ChecklistAnswer[] {
  return SIGN_OFF_CHECKLISTS[level].flatMap((item) => {
    const answer = answers[item];
    return answer ? [{ item, answer }] : [];
  });
}

export function normalisedReasons(input: Pick<SignOffInput, 'result' | 'reasons'>): string {
  return input.result === 'fail' ? input.reasons.trim() : '';
}

/** Why `signer` may not give this sign-off now, or null when they may. */
export function signOffInputBlocker(
  input: SignOffInput,
  signer: Signer,
  history: readonly HistoryEntry[],
  job: { technician: string; content: JobContent; contentHash: string },
): ErrorCode | null {
  return signOffBlocker(
    {
      level: input.level,
      result: input.result,
      round: currentRound(history),
      signer,
      checklist: input.checklist,
      reasons: normalisedReasons(input),
      content: job.content,
      contentHash: job.contentHash,
    },
    history,
    job.technician,
  );
}

/** Refusals about who signs (not about what is filled in): the form is shown read-only. */
export const SIGNER_BLOCKERS: readonly ErrorCode[] = [
  'SIGNOFF_ROLE_FORBIDDEN',
  'SIGNOFF_NOT_ASSIGNED',
  'SIGNOFF_SAME_PERSON',
  'SIGNOFF_OUT_OF_ORDER',
];
