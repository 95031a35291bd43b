import { describe, expect, it } from 'vitest';
import {
  MAX_REVISION_AHEAD_MS,
  currentRound,
  jobClosedBlocker,
  jobRevisionState,
  jobStage,
  nextSignOffLevel,
  qcHistory,
  reopenBlocker,
  signOffJobVerdict,
  voidedByReopening,
  type Job,
  type ReworkRecord,
  type SignOff,
  type SignOffJobFacts,
  type SignOffLevel,
} from '../../src/schema/index.js';
import { makeJob, makeRework, makeSignOff, makeWorkshopOrder } from '../factories/workshop.js';

/**
 * The rules that judge a sign-off by the job revisions the server stored, and
 * the final pass that closes a job until a reopening: the same functions on
 * the tablet and the server (src/schema/job-revision.ts, qc-reopen.ts).
 */
const SERVER_TIME = 1_767_100_000_000;
const LEAK = { id: 'f-leak', text: '刹车油管渗漏', photoIds: [], foundBy: 'tech1', foundAt: 1 };

function workshop() {
  const order = makeWorkshopOrder();
  const job = makeJob(order);
  const sign = (level: SignOffLevel, by: string, onJob: Job = job, round = 0) =>
    makeSignOff({ order, job: onJob, level, by, round });
  return { order, job, sign };
}

function halfDone(job: Job): Job {
  const operations = job.operations.map((entry, index) =>
    index === 0 ? { ...entry, done: false } : entry,
  );
  return { ...job, operations };
}

function facts(job: Job | undefined, stored: Job[], overrides: Partial<SignOffJobFacts> = {}) {
  return {
    job,
    revisionStates: stored.map(jobRevisionState),
    orderOperations: undefined,
    serverTime: SERVER_TIME,
    ...overrides,
  };
}

describe('a sign-off against the job revision it names', () => {
  it('waits (pending) while its job is not on the server', async () => {
    const { sign } = workshop();
    expect(signOffJobVerdict(await sign('self', 'tech1'), facts(undefined, []))).toBe('pending');
  });

  it('is valid when the stored revision says what it says', async () => {
    const { job, sign } = workshop();
    expect(signOffJobVerdict(await sign('self', 'tech1'), facts(job, [job]))).toBe('valid');
  });

  it('is refused when the stored revision says otherwise', async () => {
    const { job, sign } = workshop();
    const stored = { ...halfDone(job), findings: [LEAK] };
    const verdict = signOffJobVerdict(await sign('self', 'tech1'), facts(stored, [stored]));
    expect(verdict).toBe('SIGNOFF_CONTENT_MISMATCH');
  });

  it('matches any state a merge stored under the same revision', async () => {
    const { job, sign } = workshop();
    const merged = { ...job, findings: [LEAK] };
    const verdict = signOffJobVerdict(await sign('self', 'tech1'), facts(merged, [merged, job]));
    expect(verdict).toBe('valid');
  });

  it('names a revision never stored: refused at or below the newest, pending above it', async () => {
    const { job, sign } = workshop();
    const signOff = await sign('self', 'tech1');
    const at = (jobRevision: number) =>
      signOffJobVerdict({ ...signOff, jobRevision }, facts(job, []));
    expect(at(job.updatedAt)).toBe('SIGNOFF_REVISION_UNKNOWN');
    expect(at(job.updatedAt - 1)).toBe('SIGNOFF_REVISION_UNKNOWN');
    expect(at(job.updatedAt + 1)).toBe('pending');
    expect(at(SERVER_TIME + MAX_REVISION_AHEAD_MS + 1)).toBe('SIGNOFF_REVISION_UNKNOWN');
  });

  it('is refused for a deleted job, and a self-check by someone else than its technician', async () => {
    const { job, sign } = workshop();
    const deleted = { ...job, _deleted: true };
    expect(signOffJobVerdict(await sign('self', 'tech1'), facts(deleted, [job]))).toBe(
      'SIGNOFF_JOB_DELETED',
    );
    const other = { ...job, technician: 'tech2' };
    expect(signOffJobVerdict(await sign('self', 'tech1'), facts(other, [job]))).toBe(
      'SIGNOFF_NOT_ASSIGNED',
    );
  });

  it("lists exactly the order's operations, or, without the order, hides no undone one", async () => {
    const { order, job } = workshop();
    const brakesOnly = { ...job, operations: job.operations.slice(0, 1) };
    const shortOrder = { ...order, operations: (order.operations ?? []).slice(0, 1) };
    const claim = await makeSignOff({
      order: shortOrder,
      job: brakesOnly,
      level: 'self',
      by: 'tech1',
    });
    const withOrder = facts(brakesOnly, [brakesOnly], { orderOperations: order.operations ?? [] });
    expect(signOffJobVerdict(claim, withOrder)).toBe('SIGNOFF_CONTENT_MISMATCH');
    const oilUndone = halfDone({ ...job, operations: [...job.operations].reverse() });
    expect(signOffJobVerdict(claim, facts(oilUndone, [oilUndone]))).toBe(
      'SIGNOFF_CONTENT_MISMATCH',
    );
  });

  it('refuses a final pass on an older revision than the job now has', async () => {
    const { job, sign } = workshop();
    const now = { ...job, findings: [LEAK], updatedAt: job.updatedAt + 1 };
    const finalPass = await sign('final', 'foreman1');
    expect(signOffJobVerdict(finalPass, facts(now, [job]))).toBe('SIGNOFF_JOB_CHANGED');
    const peerPass = await sign('peer', 'leader1');
    expect(signOffJobVerdict(peerPass, facts(now, [job]))).toBe('valid');
  });
});

async function passedHistory() {
  const { job, sign } = workshop();
  const checks = [
    await sign('self', 'tech1'),
    await sign('peer', 'leader1'),
    await sign('final', 'foreman1'),
  ];
  return { job, sign, checks, finalPass: checks[2] as SignOff };
}

function reopeningOf(finalPass: SignOff, by = 'foreman1') {
  return makeRework(finalPass, {
    createdBy: by,
    failedBy: by,
    reason: 'reopened',
    whatFailed: '重新开工',
  });
}

describe('the server stamps in the check history', () => {
  it('a refused sign-off counts as not given, and so does a pass above it', async () => {
    const { checks } = await passedHistory();
    const [self, ...rest] = checks;
    const history = [{ ...(self as SignOff), serverCheck: 'refused' as const }, ...rest];
    expect(nextSignOffLevel(history)).toBe('self');
  });

  it('a job whose checks the server has still to judge is not ready', async () => {
    const { job, checks } = await passedHistory();
    expect(jobStage(job, checks)).toBe('ready');
    const pending = checks.map((check) => ({ ...check, serverCheck: 'pending' as const }));
    expect(jobStage(job, pending)).toBe('waiting-checks');
  });
});

describe('a final pass closes the job until it is reopened', () => {
  it('refuses any change of the work, the assignment or the job itself after it', async () => {
    const { job, checks } = await passedHistory();
    for (const after of [
      halfDone(job),
      { ...job, findings: [LEAK] },
      { ...job, technician: 'tech2' },
      { ...job, _deleted: true },
    ])
      expect(jobClosedBlocker(job, after, checks)).toBe('JOB_CLOSED_AFTER_QC');
    const onlyTouched: Job = { ...job, updatedAt: job.updatedAt + 1 };
    expect(jobClosedBlocker(job, onlyTouched, checks)).toBeNull();
  });

  it('is not closed before the final pass, nor while that pass is pending', async () => {
    const { job, checks } = await passedHistory();
    expect(jobClosedBlocker(job, halfDone(job), checks.slice(0, 2))).toBeNull();
    const pendingFinal = [...checks.slice(0, 2), { ...checks[2], serverCheck: 'pending' as const }];
    expect(jobClosedBlocker(job, halfDone(job), pendingFinal as SignOff[])).toBeNull();
  });

  it('a reopening voids the pass, counts like a failed check and opens the job again', async () => {
    const { job, checks, finalPass } = await passedHistory();
    const reopening = await reopeningOf(finalPass);
    const history = qcHistory(checks, [reopening]);
    expect(currentRound(history)).toBe(1);
    expect(jobStage(job, history)).toBe('rework');
    expect(voidedByReopening(finalPass, [reopening])).toBe(true);
    expect(jobClosedBlocker(job, halfDone(job), history)).toBeNull();
  });
});

describe('who may reopen, and what', () => {
  it("is the foreman's, with a reason, naming the standing final pass", async () => {
    const { checks, finalPass } = await passedHistory();
    const reopening = await reopeningOf(finalPass);
    expect(reopenBlocker(reopening, 'foreman', checks, [])).toBeNull();
    expect(reopenBlocker(reopening, 'team-leader', checks, [])).toBe('ROLE_FORBIDDEN');
    expect(reopenBlocker({ ...reopening, whatFailed: ' ' }, 'foreman', checks, [])).toBe(
      'REOPEN_REASON_REQUIRED',
    );
  });

  it('cannot reopen before the final pass, a refused pass, or the same pass twice', async () => {
    const { checks, finalPass } = await passedHistory();
    const reopening = await reopeningOf(finalPass);
    const code = 'REOPEN_WITHOUT_FINAL_PASS';
    expect(reopenBlocker(reopening, 'foreman', checks.slice(0, 2), [])).toBe(code);
    const refused = [...checks.slice(0, 2), { ...finalPass, serverCheck: 'refused' as const }];
    expect(reopenBlocker(reopening, 'foreman', refused, [])).toBe(code);
    const again: ReworkRecord = await reopeningOf(finalPass);
    expect(reopenBlocker(again, 'foreman', checks, [reopening])).toBe(code);
  });
});
