/**
 * Wrong PINs on this tablet, per person: the first few are free, then the
 * pad pauses, each pause twice the last, up to a cap. The count survives a
 * reload (it is kept with the tablet's session data) and a right PIN resets it.
 */
import { PIN_LOCKOUT } from '../../schema/index.js';

export interface PinFailures {
  /** Wrong PINs in a row. */
  count: number;
  /** Epoch ms until which the pad refuses PINs; 0 when not paused. */
  pausedUntil: number;
}

export const NO_PIN_FAILURES: PinFailures = { count: 0, pausedUntil: 0 };

/** Seconds the pad pauses after the given number of wrong PINs in a row. */
export function pauseSecondsAfter(wrongInARow: number, limits = PIN_LOCKOUT): number {
  const beyondFree = wrongInARow - limits.freeAttempts;
  if (beyondFree < 0) return 0;
  // Doubling stops at the cap long before 2^beyondFree could overflow.
  const doublings = Math.min(beyondFree, 30);
  return Math.min(limits.firstPauseSeconds * 2 ** doublings, limits.maxPauseSeconds);
}

export function recordWrongPin(
  failures: PinFailures,
  now: number,
  limits = PIN_LOCKOUT,
): PinFailures {
  const count = failures.count + 1;
  const pause = pauseSecondsAfter(count, limits);
  return { count, pausedUntil: pause > 0 ? now + pause * 1000 : 0 };
}

/** Whole seconds left in the current pause; 0 when a PIN may be tried. */
export function remainingPauseSeconds(failures: PinFailures, now: number): number {
  return Math.max(0, Math.ceil((failures.pausedUntil - now) / 1000));
}
