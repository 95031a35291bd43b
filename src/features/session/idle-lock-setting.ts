/**
 * How many minutes without a touch before this tablet locks: a per-tablet
 * setting, kept in localStorage, always within IDLE_LOCK_MINUTES.
 */
import { create } from 'zustand';
import { IDLE_LOCK_MINUTES } from '../../schema/index.js';

const STORAGE_KEY = 'service-lane.idle-lock-minutes';

export function clampIdleMinutes(minutes: number): number {
  if (!Number.isFinite(minutes)) return IDLE_LOCK_MINUTES.default;
  return Math.min(IDLE_LOCK_MINUTES.max, Math.max(IDLE_LOCK_MINUTES.min, Math.round(minutes)));
}

function storedMinutes(): number {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === null || stored === undefined
    ? IDLE_LOCK_MINUTES.default
    : clampIdleMinutes(Number(stored));
}

export const useIdleLockMinutes = create<{ minutes: number }>(() => ({ minutes: storedMinutes() }));

export function idleLockMinutes(): number {
  return useIdleLockMinutes.getState().minutes;
}

export function setIdleLockMinutes(minutes: number): void {
  const clamped = clampIdleMinutes(minutes);
  localStorage.setItem(STORAGE_KEY, String(clamped));
  useIdleLockMinutes.setState({ minutes: clamped });
}
