import { useEffect, useState } from 'react';
import { NO_PIN_FAILURES, remainingPauseSeconds, type PinFailures } from './pin-lockout.js';
import { pinFailures } from './session-database.js';

/**
 * One person's wrong-PIN state as kept on the tablet, and the seconds left
 * in a pause, counted down for the pad.
 */
export function usePinPause(userId: string): {
  failures: PinFailures;
  setFailures: (failures: PinFailures) => void;
  secondsLeft: number;
} {
  const [failures, setFailures] = useState<PinFailures>(NO_PIN_FAILURES);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let current = true;
    void pinFailures(userId).then((stored) => current && setFailures(stored));
    return () => {
      current = false;
    };
  }, [userId]);

  const secondsLeft = remainingPauseSeconds(failures, now);
  useEffect(() => {
    if (failures.pausedUntil <= Date.now()) return;
    const tick = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= failures.pausedUntil) clearInterval(tick);
    }, 1000);
    return () => clearInterval(tick);
  }, [failures.pausedUntil]);

  return {
    failures,
    setFailures: (next) => {
      setNow(Date.now());
      setFailures(next);
    },
    secondsLeft,
  };
}
