import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_BASE,
  COLLECTION_NAMES,
  DEMO_PASSWORD,
  DEMO_PIN,
  ERROR_MESSAGES,
  type CollectionName,
  type ErrorCode,
  type Job,
  type PullResponse,
  type PushResponse,
  type RepairOrder,
  type SignOff,
} from '../../src/schema/index.js';
import {
  makeApproval,
  makeDispatchedJob,
  makeRequestedWork,
  makeRework,
  makeSignOff,
  makeWorkshopOrder,
  pricedWork as advisorsPrice,
  workedJob,
  type SignOffInput,
} from '../factories/workshop.js';
import { DEMO_ADMIN } from '../support/enrolled-tablet.js';
import { loginAs } from './helpers/auth.js';
import { registerSignerKey } from './helpers/signer-keys.js';
import { addSiteWithUsers } from './helpers/second-site.js';
import { SYNC_HEADERS, syncUrl } from './helpers/sync-http.js';
import {
  makeTempDir,
  seedDemoUsers,
  startTestServer,
  type TestServer,
} from './helpers/test-server.js';

/**
 * The server re-checks every workshop rule on every push, whatever the tablet
 * let through: each refusal comes back coded in both languages, nothing of the
 * refused record is written, and the rest of the batch is. Hand-made JSON over
 * real HTTP against a real SQLite file, signed in as the demo site's people.
 */
const OTHER_SITE = { id: 'other-site', name: 'Other Motors 另一家经销商' };
const OTHER_ADVISOR = 'other-advisor';
const OTHER_ADMIN = { username: 'other-admin', password: DEMO_PASSWORD };
const PEOPLE = ['advisor1', 'tech1', 'tech2', 'leader1', 'foreman1', 'manager1', OTHER_ADVISOR];

type Doc = { id: string } & object;
interface Row {
  newDocumentState: object;
  assumedMasterState?: object;
}

let server: TestServer;
const tokens = new Map<string, string>();

function tokenOf(username: string): string {
  const token = tokens.get(username);
  if (!token) throw new Error(`${username} is not signed in`);
  return token;
}

/** The demo site and a second dealer with one advisor, in the file before the server opens it. */
async function startServerWithTwoSites(): Promise<TestServer> {
  const dataDir = await makeTempDir();
  // The demo site first: it is seeded only into a file that has no site yet.
  await seedDemoUsers(dataDir);
  // The other site's admin enrols the tablet its advisor signs in on.
  await addSiteWithUsers(
    dataDir,
    OTHER_SITE,
    [
      { username: OTHER_ADVISOR, displayName: 'Other advisor', role: 'advisor' },
      { username: OTHER_ADMIN.username, displayName: 'Other admin', role: 'admin' },
    ],
    { password: DEMO_PASSWORD, pin: DEMO_PIN },
  );
  return startTestServer({ dataDir });
}

beforeAll(async () => {
  server = await startServerWithTwoSites();
  for (const username of PEOPLE) {
    const enrolBy = username === OTHER_ADVISOR ? OTHER_ADMIN : DEMO_ADMIN;
    const login = await loginAs(server.baseUrl, username, `${username}-tablet`, { enrolBy });
    tokens.set(username, login.accessToken);
    // Each person signs their records with their own key on their own tablet.
    await registerSignerKey(server.baseUrl, login);
  }
});

afterAll(() => server.stop());

function row(document: Doc, assumed?: Doc): Row {
  const newDocumentState = { ...document, _deleted: false };
  return assumed
    ? { newDocumentState, assumedMasterState: { ...assumed, _deleted: false } }
    : { newDocumentState };
}

async function push(
  collection: CollectionName,
  rows: Row[],
  by: string,
): Promise<PushResponse<unknown>> {
  const response = await fetch(syncUrl(server.baseUrl, 'push', collection), {
    method: 'POST',
    headers: { ...SYNC_HEADERS, authorization: `Bearer ${tokenOf(by)}` },
    body: JSON.stringify(rows),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as PushResponse<unknown>;
}

/** Pushes records that must all be accepted: the scene a refusal is tested in. */
async function store(collection: CollectionName, documents: Doc[], by: string): Promise<void> {
  expect(
    await push(
      collection,
      documents.map((document) => row(document)),
      by,
    ),
  ).toEqual({
    conflicts: [],
    rejected: [],
  });
}

async function pullAll(collection: CollectionName, by: string) {
  const documents: Doc[] = [];
  let last = 0;
  for (;;) {
    const query = new URLSearchParams({ limit: '500', checkpoint: String(last) });
    const response = await fetch(`${syncUrl(server.baseUrl, 'pull', collection)}?${query}`, {
      headers: { ...SYNC_HEADERS, authorization: `Bearer ${tokenOf(by)}` },
    });
    const page = (await response.json()) as PullResponse<Doc>;
    documents.push(...page.documents);
    last = page.checkpoint?.sequence ?? last;
    if (page.documents.length < 500) return { documents, last };
  }
}

/** Everything both sites can pull, and the highest sequence used: what "unchanged" means. */
async function serverState() {
  const documents = new Map<string, Doc>();
  let last = 0;
  for (const by of ['advisor1', OTHER_ADVISOR])
    for (const collection of COLLECTION_NAMES) {
      const pulled = await pullAll(collection, by);
      for (const document of pulled.documents)
        documents.set(`${collection}/${document.id}`, document);
      last = Math.max(last, pulled.last);
    }
  return { documents, last };
}

interface Refusal {
  collection: CollectionName;
  refused: Doc;
  /** The stored state the refused row claims to build on, for an edit. */
  assumed?: Doc;
  /** A valid record in the same batch: it must be written all the same (none if the pusher has none). */
  companion?: Doc;
  companionAssumed?: Doc;
  by: string;
}

/**
 * Pushes the refused row first and the companion after it, so a sequence
 * taken by the refused row would show as a gap.
 */
async function expectRefusal(code: ErrorCode, refusal: Refusal): Promise<void> {
  const { collection, refused, assumed, companion, companionAssumed, by } = refusal;
  const before = await serverState();

  const rows = [row(refused, assumed)];
  if (companion) rows.push(row(companion, companionAssumed));
  const response = await push(collection, rows, by);

  expect(response.conflicts).toEqual([]);
  expect(response.rejected).toEqual([{ id: refused.id, code, message: ERROR_MESSAGES[code] }]);
  expect(response.rejected[0]?.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  const after = await serverState();
  expect(after.last).toBe(before.last + (companion ? 1 : 0));
  if (companion) {
    const companionKey = `${collection}/${companion.id}`;
    expect(after.documents.get(companionKey)).toMatchObject(companion);
    for (const state of [before, after]) state.documents.delete(companionKey);
  }
  expect(after.documents).toEqual(before.documents);
}

/**
 * A repair order in the workshop with its job dispatched by the foreman to
 * `technician`, who then ticked every operation: each step in its author's name.
 */
async function dispatchedJob(technician = 'tech1') {
  const order = makeWorkshopOrder();
  await store('repair_orders', [order], 'advisor1');
  const dispatched = makeDispatchedJob(order, { technician });
  await store('jobs', [dispatched], 'foreman1');
  const job = workedJob(order, dispatched);
  expect(await push('jobs', [row(job, dispatched)], technician)).toEqual({
    conflicts: [],
    rejected: [],
  });
  return { order, job };
}

function signing(order: RepairOrder, job: Job) {
  return (level: SignOff['level'], by: string, extra: Partial<SignOffInput> = {}) =>
    makeSignOff({ order, job, level, by, ...extra });
}

/**
 * A valid sign-off of another job by the same person, to ride along with a
 * refused one: the foreman's final check, or the self-check of a job of one's own.
 */
async function companionSignOff(by: string): Promise<SignOff> {
  if (by === 'foreman1') {
    const { order, job } = await dispatchedJob();
    const sign = signing(order, job);
    await store('sign_offs', [await sign('self', 'tech1')], 'tech1');
    await store('sign_offs', [await sign('peer', 'leader1')], 'leader1');
    return sign('final', 'foreman1');
  }
  const { order, job } = await dispatchedJob(by);
  return makeSignOff({ order, job, level: 'self', by });
}

describe('the server refuses a sign-off that breaks the three-level check', () => {
  // An advisor signs no level at all: refused before the levels are weighed, with no companion.
  it.each([
    ['self', 'advisor1', [], 'ROLE_FORBIDDEN'],
    ['peer', 'tech2', ['self'], 'SIGNOFF_ROLE_FORBIDDEN'],
    ['final', 'leader1', ['self', 'peer'], 'SIGNOFF_ROLE_FORBIDDEN'],
  ] as const)(
    'a %s check signed by %s, whose role may not sign it',
    async (level, by, before, code) => {
      const { order, job } = await dispatchedJob();
      const sign = signing(order, job);
      const signers = { self: 'tech1', peer: 'leader1', final: 'foreman1' } as const;
      for (const earlier of before) {
        const signer = signers[earlier];
        await store('sign_offs', [await sign(earlier, signer)], signer);
      }
      await expectRefusal(code, {
        collection: 'sign_offs',
        refused: await sign(level, by),
        companion: by === 'advisor1' ? undefined : await companionSignOff(by),
        by,
      });
    },
  );

  it('a final check by a team leader claiming to be the foreman', async () => {
    const { order, job } = await dispatchedJob();
    const sign = signing(order, job);
    await store('sign_offs', [await sign('self', 'tech1')], 'tech1');
    await store('sign_offs', [await sign('peer', 'leader1')], 'leader1');
    await expectRefusal('SIGNOFF_ROLE_FORBIDDEN', {
      collection: 'sign_offs',
      refused: await sign('final', 'leader1', { overrides: { signerRole: 'foreman' } }),
      companion: await companionSignOff('leader1'),
      by: 'leader1',
    });
  });

  it('the same person at two levels of one job', async () => {
    // A team leader may work a job and self-check it, but then not peer-check it too.
    const { order, job } = await dispatchedJob('leader1');
    const sign = signing(order, job);
    await store('sign_offs', [await sign('self', 'leader1')], 'leader1');
    await expectRefusal('SIGNOFF_SAME_PERSON', {
      collection: 'sign_offs',
      refused: await sign('peer', 'leader1'),
      companion: await companionSignOff('leader1'),
      by: 'leader1',
    });
  });

  it('a peer check before the self-check', async () => {
    const { order, job } = await dispatchedJob();
    await expectRefusal('SIGNOFF_OUT_OF_ORDER', {
      collection: 'sign_offs',
      refused: await signing(order, job)('peer', 'leader1'),
      companion: await companionSignOff('leader1'),
      by: 'leader1',
    });
  });

  it('a final check before the peer check', async () => {
    const { order, job } = await dispatchedJob();
    const sign = signing(order, job);
    await store('sign_offs', [await sign('self', 'tech1')], 'tech1');
    await expectRefusal('SIGNOFF_OUT_OF_ORDER', {
      collection: 'sign_offs',
      refused: await sign('final', 'foreman1'),
      companion: await companionSignOff('foreman1'),
      by: 'foreman1',
    });
  });

  it('a peer check of a job that changed since the self-check', async () => {
    const { order, job } = await dispatchedJob();
    await store('sign_offs', [await signing(order, job)('self', 'tech1')], 'tech1');
    const finding = {
      id: 'f1',
      text: '发现刹车油管渗漏',
      photoIds: [],
      foundBy: 'tech1',
      foundAt: 1,
    };
    const edited = {
      ...job,
      findings: [finding],
      updatedAt: job.updatedAt + 1,
      updatedBy: 'tech1',
    };
    expect(await push('jobs', [row(edited, job)], 'tech1')).toEqual({
      conflicts: [],
      rejected: [],
    });
    await expectRefusal('SIGNOFF_CONTENT_CHANGED', {
      collection: 'sign_offs',
      refused: await signing(order, edited)('peer', 'leader1'),
      companion: await companionSignOff('leader1'),
      by: 'leader1',
    });
  });

  it('a sign-off whose hash does not match the content it carries', async () => {
    const { order, job } = await dispatchedJob();
    const honest = await signing(order, job)('self', 'tech1');
    const forged: SignOff = { ...honest, content: { ...honest.content, odometerKm: 10 } };
    await expectRefusal('SIGNOFF_CONTENT_MISMATCH', {
      collection: 'sign_offs',
      refused: forged,
      companion: await companionSignOff('tech1'),
      by: 'tech1',
    });
  });

  it('a sign-off whose content disagrees with the job at the revision it names', async () => {
    const { order, job } = await dispatchedJob();
    // Signed as if every operation were done, while the stored job says otherwise.
    const stored = { ...job, operations: [], updatedAt: job.updatedAt + 1, updatedBy: 'tech1' };
    expect(await push('jobs', [row(stored, job)], 'tech1')).toEqual({
      conflicts: [],
      rejected: [],
    });
    await expectRefusal('SIGNOFF_CONTENT_MISMATCH', {
      collection: 'sign_offs',
      refused: await signing(order, job)('self', 'tech1', {
        overrides: { jobRevision: stored.updatedAt },
      }),
      companion: await companionSignOff('tech1'),
      by: 'tech1',
    });
  });

  it('a rework record naming a check that passed', async () => {
    const { order, job } = await dispatchedJob();
    const self = await signing(order, job)('self', 'tech1');
    await store('sign_offs', [self], 'tech1');
    const failed = await signing(order, job)('peer', 'leader1', { result: 'fail' });
    await expectRefusal('REWORK_WITHOUT_FAILURE', {
      collection: 'rework_records',
      refused: await makeRework(self, {
        createdBy: 'leader1',
        updatedBy: 'leader1',
        failedBy: 'leader1',
      }),
      // A failed check not on the server yet may be on its way: its rework is kept.
      companion: await makeRework(failed),
      by: 'leader1',
    });
  });
});

describe('the server refuses added work started without the customer’s authorisation', () => {
  async function pricedWork() {
    const { job } = await dispatchedJob();
    const requested = makeRequestedWork(job);
    await store('added_work', [requested], 'tech1');
    const priced = advisorsPrice(requested);
    expect(await push('added_work', [row(priced, requested)], 'advisor1')).toEqual({
      conflicts: [],
      rejected: [],
    });
    return { job, priced };
  }

  function started<T extends { updatedAt: number }>(work: T, approvalId: string): T {
    return {
      ...work,
      status: 'started',
      approvalId,
      startedBy: 'tech1',
      updatedAt: work.updatedAt + 1,
      updatedBy: 'tech1',
    };
  }

  it('with no approval at all', async () => {
    const { job, priced } = await pricedWork();
    await expectRefusal('ADDED_WORK_NOT_AUTHORISED', {
      collection: 'added_work',
      refused: started(priced, ''),
      assumed: priced,
      companion: makeRequestedWork(job),
      by: 'tech1',
    });
  });

  it('with the customer’s approval declined', async () => {
    const { job, priced } = await pricedWork();
    const declined = await makeApproval(priced, { decision: 'declined' });
    await store('approvals', [declined], 'advisor1');
    await expectRefusal('ADDED_WORK_NOT_AUTHORISED', {
      collection: 'added_work',
      refused: started(priced, declined.id),
      assumed: priced,
      companion: makeRequestedWork(job),
      by: 'tech1',
    });
  });

  it('after a price change the customer did not approve', async () => {
    const { job, priced } = await pricedWork();
    const approval = await makeApproval(priced);
    await store('approvals', [approval], 'advisor1');
    const dearer = { ...started(priced, approval.id), partsFen: priced.partsFen + 20_000 };
    await expectRefusal('ADDED_WORK_NOT_AUTHORISED', {
      collection: 'added_work',
      refused: dearer,
      assumed: priced,
      companion: makeRequestedWork(job),
      by: 'tech1',
    });
    // The approved price starts fine.
    expect(await push('added_work', [row(started(priced, approval.id), priced)], 'tech1')).toEqual({
      conflicts: [],
      rejected: [],
    });
  });

  it('approved by a technician instead of the advisor', async () => {
    const { priced } = await pricedWork();
    // A technician has no approval of their own to send along.
    await expectRefusal('ROLE_FORBIDDEN', {
      collection: 'approvals',
      refused: await makeApproval(priced, { createdBy: 'tech1', updatedBy: 'tech1' }),
      by: 'tech1',
    });
  });
});

describe('the server refuses records from the wrong hands or the wrong site', () => {
  it('a dispatch by someone who is not the foreman', async () => {
    const order = makeWorkshopOrder();
    await store('repair_orders', [order], 'advisor1');
    const by = { createdBy: 'advisor1', updatedBy: 'advisor1', dispatchedBy: 'advisor1' };
    // A job is born at dispatch, so an advisor has no job to create at all.
    await expectRefusal('ROLE_FORBIDDEN', {
      collection: 'jobs',
      refused: makeDispatchedJob(order, by),
      by: 'advisor1',
    });
  });

  it('a technician handing a dispatched job to a colleague', async () => {
    const { job } = await dispatchedJob();
    const { job: companion } = await dispatchedJob();
    // In the hand-over's own name, so what refuses it is the dispatch rule, not the names.
    const handedOver = {
      ...job,
      technician: 'tech2',
      dispatchedBy: 'tech1',
      updatedAt: job.updatedAt + 1,
      updatedBy: 'tech1',
    };
    const finding = { id: 'f2', text: '轮胎偏磨', photoIds: [], foundBy: 'tech1', foundAt: 5 };
    const recorded: Job = {
      ...companion,
      findings: [finding],
      updatedAt: companion.updatedAt + 1,
      updatedBy: 'tech1',
    };
    await expectRefusal('DISPATCH_ROLE_FORBIDDEN', {
      collection: 'jobs',
      refused: handedOver,
      assumed: job,
      companion: recorded,
      companionAssumed: companion,
      by: 'tech1',
    });
  });

  it.each(['nobody', OTHER_ADVISOR])(
    'a record made by %s, who is no user of this site',
    async (author) => {
      await expectRefusal('AUTHOR_UNKNOWN', {
        collection: 'repair_orders',
        refused: makeWorkshopOrder({ createdBy: author, updatedBy: author }),
        companion: makeWorkshopOrder(),
        by: 'advisor1',
      });
    },
  );

  it('a record of another site', async () => {
    await expectRefusal('SITE_FORBIDDEN', {
      collection: 'repair_orders',
      refused: makeWorkshopOrder({ siteId: OTHER_SITE.id }),
      companion: makeWorkshopOrder(),
      by: 'advisor1',
    });
  });

  it('a record with the id of another site’s record: its own record, the other untouched', async () => {
    const foreign = makeWorkshopOrder({
      siteId: OTHER_SITE.id,
      createdBy: OTHER_ADVISOR,
      updatedBy: OTHER_ADVISOR,
    });
    await store('repair_orders', [foreign], OTHER_ADVISOR);
    const before = await pullAll('repair_orders', OTHER_ADVISOR);
    const own = makeWorkshopOrder({ id: foreign.id });
    // Ids are unique per site: nothing of the other site's record is echoed or changed.
    await store('repair_orders', [own], 'advisor1');
    expect(await pullAll('repair_orders', OTHER_ADVISOR)).toEqual(before);
    const mine = (await pullAll('repair_orders', 'advisor1')).documents;
    expect(mine.filter((document) => document.id === foreign.id)).toEqual([
      { ...own, _deleted: false },
    ]);
  });
});

describe('the server accepts the checks done right', () => {
  it('self, peer and final checks that pass, stamped with the server’s receipt time', async () => {
    const { order, job } = await dispatchedJob();
    const sign = signing(order, job);
    const checks = [
      await sign('self', 'tech1'),
      await sign('peer', 'leader1'),
      await sign('final', 'foreman1'),
    ];
    const sentAt = Date.now();
    for (const check of checks) await store('sign_offs', [check], check.createdBy);
    const receivedBy = Date.now();

    const stored = (await pullAll('sign_offs', 'foreman1')).documents.filter((document) =>
      checks.some((check) => check.id === document.id),
    ) as (SignOff & { _deleted: boolean })[];
    expect(stored.map(({ level }) => level)).toEqual(['self', 'peer', 'final']);
    for (const [index, document] of stored.entries()) {
      expect(document).toEqual({
        ...checks[index],
        receivedAt: document.receivedAt,
        // The server's verdict on the job revision each names (job-content-attacks.test.ts).
        serverCheck: 'valid',
        _deleted: false,
      });
      expect(document.receivedAt).toBeGreaterThanOrEqual(sentAt);
      expect(document.receivedAt).toBeLessThanOrEqual(receivedBy);
    }
    // A tablet that never heard back sends them again: nothing changes, and the stamped
    // copies come back so the tablet holds them as the server does.
    const { last } = await serverState();
    expect(
      await push(
        'sign_offs',
        checks.map((check) => row(check)),
        'foreman1',
      ),
    ).toEqual({
      conflicts: stored,
      rejected: [],
    });
    expect((await serverState()).last).toBe(last);
  });

  it('a failed peer check, its rework, and a second round through to the final check', async () => {
    const { order, job } = await dispatchedJob();
    const sign = signing(order, job);
    const failed = await sign('peer', 'leader1', { result: 'fail' });
    await store('sign_offs', [await sign('self', 'tech1')], 'tech1');
    await store('sign_offs', [failed], 'leader1');
    await store('rework_records', [await makeRework(failed)], 'leader1');
    for (const [level, by] of [
      ['self', 'tech1'],
      ['peer', 'leader1'],
      ['final', 'foreman1'],
    ] as const)
      await store('sign_offs', [await sign(level, by, { round: 1 })], by);

    const history = (await pullAll('sign_offs', 'tech1')).documents.filter(
      (document) => (document as SignOff).jobId === job.id,
    ) as SignOff[];
    expect(history.map(({ level, round, result }) => `${level}/${round}/${result}`)).toEqual([
      'self/0/pass',
      'peer/0/fail',
      'self/1/pass',
      'peer/1/pass',
      'final/1/pass',
    ]);
  });
});

it('answers a push without a sign-in with 401 and changes nothing', async () => {
  const companion = await companionSignOff('tech1');
  const before = await serverState();
  const response = await fetch(`${server.baseUrl}${API_BASE}/sync/sign_offs/push`, {
    method: 'POST',
    headers: SYNC_HEADERS,
    body: JSON.stringify([row(companion)]),
  });
  expect(response.status).toBe(401);
  expect(await serverState()).toEqual(before);
});
