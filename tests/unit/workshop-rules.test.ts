import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SIGN_OFF_CHECKLISTS,
  addedWorkBlocker,
  addedWorkContentHash,
  checklistComplete,
  checklistPasses,
  contentMatchesJob,
  currentRound,
  dispatchBlocker,
  jobContent,
  jobContentHash,
  jobStage,
  jobWorkComplete,
  nextSignOffLevel,
  signOffBlocker,
  signOffDocumentBlocker,
  type AddedWork,
  type Job,
  type Role,
  type SignOff,
  type SignOffLevel,
  statusChoiceAllowed,
} from '../../src/schema/index.js';
import {
  makeAddedWork,
  makeApproval,
  makeJob,
  makeSignOff,
  makeWorkshopOrder,
  type SignOffInput,
} from '../factories/workshop.js';

function workshop(jobOverrides: Partial<Job> = {}) {
  const order = makeWorkshopOrder();
  const job = makeJob(order, jobOverrides);
  const sign = (level: SignOffLevel, by: string, extra: Partial<SignOffInput> = {}) =>
    makeSignOff({ order, job, level, by, ...extra });
  return { order, job, sign };
}

function reopenFirstOperation(job: Job): Job {
  const operations = job.operations.map((entry, index) =>
    index === 0 ? { ...entry, done: false } : entry,
  );
  return { ...job, operations };
}

/** The candidate the tablet checks before signing, as the server sees the document. */
function asCandidate(signOff: SignOff, role: Role = signOff.signerRole) {
  return { ...signOff, signer: { username: signOff.createdBy, role } };
}

function blocker(signOff: SignOff, history: SignOff[], technician: string | undefined = 'tech1') {
  return signOffBlocker(asCandidate(signOff), history, technician);
}

describe('what a sign-off covers', () => {
  it('records each operation of the order with its done state, the findings and the readings', () => {
    const { order, job } = workshop();
    const halfDone = { ...job, operations: job.operations.slice(0, 1) };
    const content = jobContent({ order, job: halfDone, addedWork: [] });
    expect(content.operations.map(({ operationId, done }) => [operationId, done])).toEqual([
      ['op-brakes', true],
      ['op-oil', false],
    ]);
    expect(content).toMatchObject({ orderId: order.id, jobId: job.id, odometerKm: 48_210 });
    const noReadings = jobContent({
      order: { ...order, odometerKm: undefined, fuelEighths: undefined },
      job,
      addedWork: [],
    });
    expect([noReadings.odometerKm, noReadings.fuelEighths]).toEqual([-1, -1]);
  });

  it('hashes the same for the same job in any order of its added work', async () => {
    const { order, job } = workshop();
    const work = fc.record({
      id: fc.stringMatching(/^[A-Za-z0-9]{8,12}$/),
      operation: fc.string({ maxLength: 20 }),
      status: fc.constantFrom('requested', 'priced', 'approved', 'declined', 'started', 'done'),
      partsFen: fc.nat(1_000_000),
      labourFen: fc.nat(1_000_000),
    });
    const lists = fc
      .uniqueArray(work, { selector: (entry) => entry.id, maxLength: 8 })
      .chain((list) =>
        fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })),
      );
    await fc.assert(
      fc.asyncProperty(lists, async ([list, shuffled]) => {
        const asWork = (entries: typeof list) =>
          entries.map((entry) => makeAddedWork(job, entry as Partial<AddedWork>));
        const first = jobContent({ order, job, addedWork: asWork(list) });
        const second = jobContent({ order, job, addedWork: asWork(shuffled) });
        expect(await jobContentHash(second)).toBe(await jobContentHash(first));
      }),
      { numRuns: 50 },
    );
  });

  it('hashes differently once anything signed changes', async () => {
    const { order, job } = workshop();
    const before = await jobContentHash(jobContent({ order, job, addedWork: [] }));
    const undone = {
      ...job,
      operations: job.operations.map((entry) => ({ ...entry, done: false })),
    };
    expect(await jobContentHash(jobContent({ order, job: undone, addedWork: [] }))).not.toBe(
      before,
    );
  });

  it('matches the job it names until an operation or finding changes', () => {
    const { order, job } = workshop({
      findings: [{ id: 'f1', text: '刹车盘磨损', photoIds: [], foundBy: 'tech1', foundAt: 1 }],
    });
    const content = jobContent({ order, job, addedWork: [] });
    expect(contentMatchesJob(content, job)).toBe(true);
    expect(contentMatchesJob(content, reopenFirstOperation(job))).toBe(false);
    const rewritten = { ...job, findings: job.findings.map((f) => ({ ...f, text: '刹车盘正常' })) };
    expect(contentMatchesJob(content, rewritten)).toBe(false);
  });
});

describe('the three-level check in rounds', () => {
  it('moves a job from dispatch through the bay and the checks to ready, and back on a fail', async () => {
    const { job, sign } = workshop();
    expect(jobStage(null, [])).toBe('waiting-dispatch');
    expect(jobStage({ technician: '' }, [])).toBe('waiting-dispatch');
    expect(jobStage(job, [])).toBe('in-bay');
    const self = await sign('self', 'tech1');
    expect(jobStage(job, [self])).toBe('waiting-checks');
    const peerFail = await sign('peer', 'leader1', { result: 'fail' });
    expect(jobStage(job, [self, peerFail])).toBe('rework');
    expect(currentRound([self, peerFail])).toBe(1);
    const history = [self, peerFail];
    for (const [level, by] of [
      ['self', 'tech1'],
      ['peer', 'leader1'],
    ] as const) {
      history.push(await sign(level, by, { round: 1 }));
      expect(jobStage(job, history)).toBe('waiting-checks');
    }
    expect(nextSignOffLevel(history)).toBe('final');
    history.push(await sign('final', 'foreman1', { round: 1 }));
    expect(nextSignOffLevel(history)).toBeNull();
    expect(jobStage(job, history)).toBe('ready');
  });

  it('allows the self-check, then the peer check, then the final check', async () => {
    const { sign } = workshop();
    const self = await sign('self', 'tech1');
    const peer = await sign('peer', 'leader1');
    const final = await sign('final', 'foreman1');
    expect(blocker(self, [])).toBeNull();
    expect(blocker(peer, [self])).toBeNull();
    expect(blocker(final, [self, peer])).toBeNull();
  });

  it.each([
    ['self', 'advisor'],
    ['self', 'foreman'],
    ['peer', 'technician'],
    ['peer', 'foreman'],
    ['final', 'team-leader'],
    ['final', 'manager'],
  ] as const)('refuses a %s check signed in the role %s', async (level, role) => {
    const { sign } = workshop();
    const signOff = await sign(level, 'tech1');
    expect(signOffBlocker(asCandidate(signOff, role), [], undefined)).toBe(
      'SIGNOFF_ROLE_FORBIDDEN',
    );
  });

  it('refuses a self-check by a technician the job is not dispatched to', async () => {
    const { sign } = workshop();
    expect(blocker(await sign('self', 'tech2'), [], 'tech1')).toBe('SIGNOFF_NOT_ASSIGNED');
    // A job not on this tablet yet leaves the assignment unchecked (it may be on its way).
    const unknownJob = signOffBlocker(asCandidate(await sign('self', 'tech2')), [], undefined);
    expect(unknownJob).toBeNull();
  });

  it('refuses checks out of order: peer before self, final before peer, a stale round', async () => {
    const { sign } = workshop();
    const self = await sign('self', 'tech1');
    expect(blocker(await sign('peer', 'leader1'), [])).toBe('SIGNOFF_OUT_OF_ORDER');
    expect(blocker(await sign('final', 'foreman1'), [self])).toBe('SIGNOFF_OUT_OF_ORDER');
    const peerFail = await sign('peer', 'leader1', { result: 'fail' });
    expect(blocker(await sign('self', 'tech1', { round: 0 }), [self, peerFail])).toBe(
      'SIGNOFF_OUT_OF_ORDER',
    );
    expect(blocker(await sign('self', 'tech1', { round: 1 }), [self, peerFail])).toBeNull();
  });

  it('refuses one person at two levels of the same round', async () => {
    const { sign } = workshop({ technician: 'leader1' });
    const self = await sign('self', 'leader1');
    expect(blocker(self, [], 'leader1')).toBeNull();
    expect(blocker(await sign('peer', 'leader1'), [self], 'leader1')).toBe('SIGNOFF_SAME_PERSON');
  });

  it('refuses a check of content that changed since the self-check', async () => {
    const { order, job, sign } = workshop();
    const self = await sign('self', 'tech1');
    const edited = {
      ...job,
      findings: [{ id: 'f9', text: '新发现', photoIds: [], foundBy: 'tech1', foundAt: 2 }],
    };
    const peer = await makeSignOff({ order, job: edited, level: 'peer', by: 'leader1' });
    expect(blocker(peer, [self])).toBe('SIGNOFF_CONTENT_CHANGED');
    // …but it can be failed, which sends the job back for a new self-check: never stuck.
    const failed = await makeSignOff({
      order,
      job: edited,
      level: 'peer',
      by: 'leader1',
      result: 'fail',
    });
    expect(blocker(failed, [self])).toBeNull();
  });

  it('refuses a self-check that fails: the technician keeps working instead', async () => {
    const { sign } = workshop();
    expect(blocker(await sign('self', 'tech1', { result: 'fail' }), [])).toBe(
      'SIGNOFF_SELF_CHECK_FAIL',
    );
  });

  it('requires the reasons for a fail, and then accepts it whatever is left undone', async () => {
    const { order, job, sign } = workshop();
    const self = await sign('self', 'tech1');
    const silent = await sign('peer', 'leader1', { result: 'fail', overrides: { reasons: '  ' } });
    expect(blocker(silent, [self])).toBe('SIGNOFF_REASON_REQUIRED');
    const undone = {
      ...job,
      operations: job.operations.map((entry) => ({ ...entry, done: false })),
    };
    const failing = await makeSignOff({
      order,
      job: undone,
      level: 'peer',
      by: 'leader1',
      result: 'fail',
    });
    expect(blocker(failing, [{ ...self, contentHash: failing.contentHash }])).toBeNull();
  });

  it('refuses a pass with an unanswered or failed check item; optional items may be n/a', async () => {
    const { sign } = workshop();
    const checklist = SIGN_OFF_CHECKLISTS.self.map((item) => ({ item, answer: 'yes' as const }));
    const missing = await sign('self', 'tech1', { overrides: { checklist: checklist.slice(1) } });
    expect(checklistComplete('self', missing.checklist)).toBe(false);
    expect(blocker(missing, [])).toBe('SIGNOFF_INCOMPLETE');
    const answered = (item: string, answer: 'no' | 'na') =>
      checklist.map((entry) => (entry.item === item ? { ...entry, answer } : entry));
    expect(checklistComplete('self', answered('fluids', 'no'))).toBe(true);
    expect(checklistPasses('self', answered('fluids', 'no'))).toBe(false);
    expect(checklistPasses('self', answered('fluids', 'na'))).toBe(false);
    expect(checklistPasses('self', answered('road-test', 'na'))).toBe(true);
  });

  it('refuses a pass while an operation or an added work is unfinished', async () => {
    const { order, job } = workshop();
    const early = await makeSignOff({
      order,
      job: reopenFirstOperation(job),
      level: 'self',
      by: 'tech1',
    });
    expect(jobWorkComplete(early.content)).toBe(false);
    expect(blocker(early, [])).toBe('SIGNOFF_INCOMPLETE');
    const started = makeAddedWork(job, { status: 'started' });
    const withWork = await makeSignOff({
      order,
      job,
      level: 'self',
      by: 'tech1',
      addedWork: [started],
    });
    expect(blocker(withWork, [])).toBe('SIGNOFF_INCOMPLETE');
    const declined = makeAddedWork(job, { status: 'declined' });
    const settled = await makeSignOff({
      order,
      job,
      level: 'self',
      by: 'tech1',
      addedWork: [declined],
    });
    expect(blocker(settled, [])).toBeNull();
  });
});

describe('a sign-off document as the server receives it', () => {
  it('is accepted when it is consistent and its turn has come', async () => {
    const { sign } = workshop();
    const self = await sign('self', 'tech1');
    expect(
      await signOffDocumentBlocker(self, { username: 'tech1', role: 'technician' }, [], 'tech1'),
    ).toBeNull();
  });

  it('is refused when the role it claims is not the signer’s role', async () => {
    const { sign } = workshop();
    const claimed = await sign('final', 'leader1', { overrides: { signerRole: 'foreman' } });
    const signer = { username: 'leader1', role: 'team-leader' as const };
    expect(await signOffDocumentBlocker(claimed, signer, [], 'tech1')).toBe(
      'SIGNOFF_ROLE_FORBIDDEN',
    );
  });

  it('is refused when its hash does not match its content or names another job', async () => {
    const { sign } = workshop();
    const self = await sign('self', 'tech1');
    const signer = { username: 'tech1', role: 'technician' as const };
    const forged = { ...self, content: { ...self.content, odometerKm: 1 } };
    expect(await signOffDocumentBlocker(forged, signer, [], 'tech1')).toBe(
      'SIGNOFF_CONTENT_MISMATCH',
    );
    const elsewhere = { ...self, jobId: 'job_someOtherOrder' };
    expect(await signOffDocumentBlocker(elsewhere, signer, [], 'tech1')).toBe(
      'SIGNOFF_CONTENT_MISMATCH',
    );
  });

  it('is held to the order of the checks like any candidate', async () => {
    const { sign } = workshop();
    const peer = await sign('peer', 'leader1');
    const signer = { username: 'leader1', role: 'team-leader' as const };
    expect(await signOffDocumentBlocker(peer, signer, [], 'tech1')).toBe('SIGNOFF_OUT_OF_ORDER');
  });
});

describe('added work and the customer’s authorisation', () => {
  it('needs no approval until the work starts', async () => {
    const { job } = workshop();
    for (const status of ['requested', 'priced', 'approved', 'declined'] as const) {
      const work = makeAddedWork(job, { status });
      expect(addedWorkBlocker(work, await addedWorkContentHash(work), [])).toBeNull();
    }
  });

  it('starts only with an approval of exactly this work and price', async () => {
    const { job } = workshop();
    const priced = makeAddedWork(job);
    const approval = await makeApproval(priced);
    const started = { ...priced, status: 'started' as const, approvalId: approval.id };
    const hash = await addedWorkContentHash(started);
    expect(addedWorkBlocker(started, hash, [approval])).toBeNull();
    expect(addedWorkBlocker({ ...started, status: 'done' }, hash, [approval])).toBeNull();

    expect(addedWorkBlocker(started, hash, [])).toBe('ADDED_WORK_NOT_AUTHORISED');
    const declined = { ...approval, decision: 'declined' as const };
    expect(addedWorkBlocker(started, hash, [declined])).toBe('ADDED_WORK_NOT_AUTHORISED');
    const dearer = { ...started, partsFen: started.partsFen + 10_000 };
    expect(addedWorkBlocker(dearer, await addedWorkContentHash(dearer), [approval])).toBe(
      'ADDED_WORK_NOT_AUTHORISED',
    );
    const otherApproval = { ...approval, id: 'another-approval' };
    expect(addedWorkBlocker(started, hash, [otherApproval])).toBe('ADDED_WORK_NOT_AUTHORISED');
  });
});

describe('dispatch (派工)', () => {
  const waiting = { technician: '', bay: '' };
  const dispatched = { technician: 'tech1', bay: 'B3' };

  it('is the foreman’s: assigning a technician or a bay', () => {
    expect(dispatchBlocker(undefined, dispatched, 'foreman')).toBeNull();
    expect(dispatchBlocker(waiting, dispatched, 'foreman')).toBeNull();
    expect(dispatchBlocker(dispatched, { ...dispatched, bay: 'B4' }, 'foreman')).toBeNull();
  });

  it.each(['advisor', 'technician', 'team-leader', 'manager'] as const)(
    'is refused to the role %s',
    (role) => {
      expect(dispatchBlocker(undefined, dispatched, role)).toBe('DISPATCH_ROLE_FORBIDDEN');
      expect(dispatchBlocker(dispatched, { ...dispatched, technician: 'tech2' }, role)).toBe(
        'DISPATCH_ROLE_FORBIDDEN',
      );
      expect(dispatchBlocker(dispatched, { ...dispatched, bay: 'B4' }, role)).toBe(
        'DISPATCH_ROLE_FORBIDDEN',
      );
    },
  );

  it('lets anyone edit a job without changing who works it where', () => {
    expect(dispatchBlocker(undefined, waiting, 'advisor')).toBeNull();
    expect(dispatchBlocker(dispatched, { ...dispatched }, 'technician')).toBeNull();
  });
});

describe('the order status menu', () => {
  it('never sets a status that only the workflow may set', () => {
    expect(statusChoiceAllowed('checked-in', 'in-workshop')).toBe(false);
    expect(statusChoiceAllowed('in-workshop', 'ready')).toBe(false);
    expect(statusChoiceAllowed('checked-in', 'delivered')).toBe(false);
    expect(statusChoiceAllowed('ready', 'delivered')).toBe(true);
    expect(statusChoiceAllowed('in-workshop', 'in-workshop')).toBe(true);
    expect(statusChoiceAllowed('draft', 'cancelled')).toBe(true);
  });
});
