import { describe, expect, it } from 'vitest';
import { PIN_LOCKOUT } from '../../src/schema/index.js';
import {
  NO_PIN_FAILURES,
  pauseSecondsAfter,
  recordWrongPin,
  remainingPauseSeconds,
  type PinFailures,
} from '../../src/features/session/pin-lockout.js';

const START = Date.UTC(2026, 10, 22, 8, 0, 0);

function wrongPins(times: number, from: PinFailures = NO_PIN_FAILURES, at = START): PinFailures {
  let failures = from;
  for (let attempt = 0; attempt < times; attempt++) failures = recordWrongPin(failures, at);
  return failures;
}

describe('wrong PINs on a tablet', () => {
  it('lets the first few wrong PINs pass without a pause', () => {
    const failures = wrongPins(PIN_LOCKOUT.freeAttempts - 1);
    expect(failures.count).toBe(PIN_LOCKOUT.freeAttempts - 1);
    expect(remainingPauseSeconds(failures, START)).toBe(0);
  });

  it(`pauses the pad ${PIN_LOCKOUT.firstPauseSeconds} s after ${PIN_LOCKOUT.freeAttempts} wrong PINs in a row`, () => {
    const failures = wrongPins(PIN_LOCKOUT.freeAttempts);
    expect(remainingPauseSeconds(failures, START)).toBe(PIN_LOCKOUT.firstPauseSeconds);
    expect(remainingPauseSeconds(failures, START + 10_500)).toBe(
      PIN_LOCKOUT.firstPauseSeconds - 10,
    );
    expect(remainingPauseSeconds(failures, START + PIN_LOCKOUT.firstPauseSeconds * 1000)).toBe(0);
  });

  it('doubles the pause with each further wrong PIN', () => {
    expect(pauseSecondsAfter(5)).toBe(30);
    expect(pauseSecondsAfter(6)).toBe(60);
    expect(pauseSecondsAfter(7)).toBe(120);
    expect(pauseSecondsAfter(8)).toBe(240);
    const afterPause = START + 31_000;
    const sixth = recordWrongPin(wrongPins(5), afterPause);
    expect(sixth.count).toBe(6);
    expect(remainingPauseSeconds(sixth, afterPause)).toBe(60);
  });

  it(`never pauses longer than ${PIN_LOCKOUT.maxPauseSeconds / 60} minutes, however many wrong PINs`, () => {
    expect(pauseSecondsAfter(10)).toBe(PIN_LOCKOUT.maxPauseSeconds);
    expect(pauseSecondsAfter(1_000)).toBe(PIN_LOCKOUT.maxPauseSeconds);
    const many = wrongPins(50);
    expect(remainingPauseSeconds(many, START)).toBe(PIN_LOCKOUT.maxPauseSeconds);
  });

  it('starts counting afresh after the right PIN (the state it goes back to)', () => {
    const reset = NO_PIN_FAILURES;
    const afterReset = wrongPins(PIN_LOCKOUT.freeAttempts - 1, reset);
    expect(remainingPauseSeconds(afterReset, START)).toBe(0);
    expect(remainingPauseSeconds(recordWrongPin(afterReset, START), START)).toBe(
      PIN_LOCKOUT.firstPauseSeconds,
    );
  });

  it('follows other limits as given', () => {
    const limits = { freeAttempts: 3, firstPauseSeconds: 10, maxPauseSeconds: 35 };
    expect([2, 3, 4, 5, 6].map((count) => pauseSecondsAfter(count, limits))).toEqual([
      0, 10, 20, 35, 35,
    ]);
  });
});
