/**
 * Locks the tablet after the configured minutes without a touch, key or
 * pointer. Everything is saved as it is typed, so locking loses nothing.
 */
import { useEffect } from 'react';
import { useIdleLockMinutes } from './idle-lock-setting.js';
import { lockTablet, markActive } from './session-state.js';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel'] as const;
// Remembering activity for a reload needs no finer grain than this.
const PERSIST_EVERY_MS = 5_000;

export function useIdleLock(signedIn: boolean): void {
  const minutes = useIdleLockMinutes((state) => state.minutes);
  useEffect(() => {
    if (!signedIn) return;
    const idleMs = minutes * 60_000;
    let lastActivity = Date.now();
    let lastPersisted = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      clearTimeout(timer);
      const left = lastActivity + idleMs - Date.now();
      if (left <= 0) lockTablet();
      else timer = setTimeout(check, left);
    };
    const onActivity = () => {
      lastActivity = Date.now();
      if (lastActivity - lastPersisted < PERSIST_EVERY_MS) return;
      lastPersisted = lastActivity;
      markActive();
    };
    // A tablet waking from sleep may have missed its timer.
    const onVisible = () => document.visibilityState === 'visible' && check();
    for (const name of ACTIVITY)
      window.addEventListener(name, onActivity, { capture: true, passive: true });
    document.addEventListener('visibilitychange', onVisible);
    check();
    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [signedIn, minutes]);
}
