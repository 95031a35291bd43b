import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AUDIT_SEAL_INTERVAL_MS,
  startDailyAuditSeals,
  type AuditSealer,
} from '../../sync-server/audit/audit-seals.js';

/** The server seals the audit chain on start and then daily, until it closes. */
describe('daily audit seals', () => {
  afterEach(() => vi.useRealTimers());

  function countingSealer(fail = false) {
    const calls = { count: 0 };
    const sealer: AuditSealer = {
      seal: () => {
        throw new Error('not used');
      },
      lastSeal: () => null,
      sealAllSites: () => {
        calls.count += 1;
        if (fail) throw new Error('disk full');
        return [];
      },
    };
    return { sealer, calls };
  }

  it('seals at once, every 24 hours after, and no more once stopped', () => {
    vi.useFakeTimers();
    const { sealer, calls } = countingSealer();
    const seals = startDailyAuditSeals(sealer, () => undefined);
    expect(calls.count).toBe(1);
    vi.advanceTimersByTime(AUDIT_SEAL_INTERVAL_MS - 1);
    expect(calls.count).toBe(1);
    vi.advanceTimersByTime(1);
    expect(calls.count).toBe(2);
    vi.advanceTimersByTime(AUDIT_SEAL_INTERVAL_MS);
    expect(calls.count).toBe(3);
    seals.stop();
    vi.advanceTimersByTime(3 * AUDIT_SEAL_INTERVAL_MS);
    expect(calls.count).toBe(3);
  });

  it('reports a seal that failed and tries again the next day', () => {
    vi.useFakeTimers();
    const { sealer, calls } = countingSealer(true);
    const errors: unknown[] = [];
    const seals = startDailyAuditSeals(sealer, (error) => errors.push(error));
    vi.advanceTimersByTime(AUDIT_SEAL_INTERVAL_MS);
    seals.stop();
    expect(calls.count).toBe(2);
    expect(errors).toHaveLength(2);
  });
});
