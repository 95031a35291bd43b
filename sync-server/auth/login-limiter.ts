import { AUTH_LIMITS } from '../../src/schema/index.js';

/**
 * Counts failed sign-ins per key (a username, an address) in fixed windows of
 * AUTH_LIMITS.loginWindowSeconds. In memory: one server process, and a
 * restart forgetting the counts only gives a guesser one more window.
 */
export interface LoginLimiter {
  /** 0 when every key may try now, else the seconds until all may. */
  retryAfterSeconds(keys: readonly string[], nowMs: number): number;
  recordFailure(keys: readonly string[], nowMs: number): void;
  forget(key: string): void;
}

interface Window {
  startedAt: number;
  failures: number;
}

// Past this many tracked keys, finished windows are dropped so a flood of names cannot grow memory.
const PRUNE_ABOVE = 10_000;

export function createLoginLimiter(
  limit: number = AUTH_LIMITS.loginAttemptsPerWindow,
  windowMs: number = AUTH_LIMITS.loginWindowSeconds * 1000,
): LoginLimiter {
  const windows = new Map<string, Window>();
  const current = (key: string, nowMs: number): Window | undefined => {
    const window = windows.get(key);
    return window && nowMs < window.startedAt + windowMs ? window : undefined;
  };
  const prune = (nowMs: number) => {
    for (const [key, window] of windows) {
      if (nowMs >= window.startedAt + windowMs) windows.delete(key);
    }
  };

  return {
    retryAfterSeconds(keys, nowMs) {
      let waitMs = 0;
      for (const key of keys) {
        const window = current(key, nowMs);
        if (window && window.failures >= limit) {
          waitMs = Math.max(waitMs, window.startedAt + windowMs - nowMs);
        }
      }
      return Math.ceil(waitMs / 1000);
    },
    recordFailure(keys, nowMs) {
      if (windows.size > PRUNE_ABOVE) prune(nowMs);
      for (const key of keys) {
        const window = current(key, nowMs);
        if (window) window.failures += 1;
        else windows.set(key, { startedAt: nowMs, failures: 1 });
      }
    },
    forget(key) {
      windows.delete(key);
    },
  };
}
