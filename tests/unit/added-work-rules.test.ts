import { describe, expect, it } from 'vitest';
import {
  ADVISOR_ROLES,
  approvalStanding,
  hasRole,
  stepBlocker,
  stepOffered,
  TECHNICIAN_ROLES,
} from '../../src/features/added-work/added-work-rules.js';
import { formatYuan, toFen } from '../../src/features/added-work/money.js';

const hash = 'c'.repeat(64);
const approved = {
  id: 'approval-1',
  decision: 'approved' as const,
  contentHash: hash,
  addedWorkId: 'w',
};

describe('what the tablet offers for added work', () => {
  it('shows Start until the work has started and Done until it is done, never on a declined item', () => {
    expect(stepOffered('priced', 'started')).toBe(true);
    expect(stepOffered('approved', 'started')).toBe(true);
    expect(stepOffered('started', 'started')).toBe(false);
    expect(stepOffered('started', 'done')).toBe(true);
    expect(stepOffered('done', 'done')).toBe(false);
    expect(stepOffered('declined', 'started')).toBe(false);
    expect(stepOffered('declined', 'done')).toBe(false);
  });

  it('lets the technician start only with an approval of exactly this content', () => {
    const work = { status: 'approved' as const, approvalId: 'approval-1' };
    expect(stepBlocker(work, 'started', hash, [approved])).toBeNull();
    expect(stepBlocker(work, 'done', hash, [approved])).toBeNull();
    expect(stepBlocker(work, 'started', 'd'.repeat(64), [approved])).toBe(
      'ADDED_WORK_NOT_AUTHORISED',
    );
    expect(stepBlocker(work, 'started', hash, [{ ...approved, decision: 'declined' }])).toBe(
      'ADDED_WORK_NOT_AUTHORISED',
    );
    expect(stepBlocker({ status: 'priced', approvalId: '' }, 'started', hash, [approved])).toBe(
      'ADDED_WORK_NOT_AUTHORISED',
    );
  });

  it('marks an approval void when the content changed and superseded when a later one counts', () => {
    expect(approvalStanding(approved, { approvalId: 'approval-1' }, hash)).toBe('valid');
    expect(approvalStanding(approved, { approvalId: 'approval-1' }, 'd'.repeat(64))).toBe('void');
    expect(approvalStanding(approved, { approvalId: 'approval-2' }, hash)).toBe('superseded');
  });

  it('keeps the advisor’s and the technician’s actions to their roles', () => {
    expect(hasRole('advisor', ADVISOR_ROLES)).toBe(true);
    expect(hasRole('manager', ADVISOR_ROLES)).toBe(true);
    expect(hasRole('technician', ADVISOR_ROLES)).toBe(false);
    expect(hasRole('team-leader', TECHNICIAN_ROLES)).toBe(true);
    expect(hasRole('advisor', TECHNICIAN_ROLES)).toBe(false);
    expect(hasRole('foreman', TECHNICIAN_ROLES)).toBe(false);
  });

  it('takes yuan as typed and keeps exact fen', () => {
    expect(toFen(123.45)).toBe(12_345);
    expect(toFen(0.1 + 0.2)).toBe(30);
    expect(toFen('')).toBe(0);
    expect(toFen(-5)).toBe(0);
    expect(formatYuan(12_345)).toBe('123.45');
  });
});
