import { afterAll, beforeAll, expect } from 'vitest';
import {
  API_BASE,
  ERROR_MESSAGES,
  type CollectionName,
  type ErrorCode,
} from '../../../src/schema/index.js';
import { makeDispatchedJob, makeWorkshopOrder, workedJob } from '../../factories/workshop.js';
import { addDemoSiteUser, bearer, loginAs } from './auth.js';
import { requestJson } from './json-request.js';
import { NORTH, NORTH_PASSWORD, NORTH_PIN, addSiteWithUsers } from './second-site.js';
import { registerSignerKey } from './signer-keys.js';
import { pushRecords, sitesState, type RawRow } from './tablet-requests.js';
import { makeTempDir, seedDemoUsers, startTestServer, type TestServer } from './test-server.js';

/**
 * The scene of the attack suites (identity, lifecycle, ids per site): a real
 * server with the demo site and a second dealer, everyone signed in on their
 * own tablet with a registered signing key, and one demo advisor deactivated
 * after signing in. Pushes are hand-made JSON, as a hostile client sends them.
 */
const DEMO_PEOPLE = ['advisor1', 'manager1', 'tech1', 'tech2', 'leader1', 'foreman1', 'admin'];
/** A demo-site advisor, deactivated by the admin after signing in once. */
export const GONE = 'advisor9';
export const NORTH_ADVISOR = 'north-advisor';
const NORTH_ADMIN = { username: 'north-admin', password: NORTH_PASSWORD };

export { NORTH };

async function startServerWithTwoSites(): Promise<TestServer> {
  const dataDir = await makeTempDir();
  await seedDemoUsers(dataDir);
  await addSiteWithUsers(
    dataDir,
    NORTH,
    [
      { username: NORTH_ADVISOR, displayName: 'North advisor', role: 'advisor' },
      { username: NORTH_ADMIN.username, displayName: 'North admin', role: 'admin' },
    ],
    { password: NORTH_PASSWORD, pin: NORTH_PIN },
  );
  return startTestServer({ dataDir });
}

export function row(document: object, assumed?: object, deleted = false): RawRow {
  const newDocumentState = { ...document, _deleted: deleted };
  return assumed
    ? { newDocumentState, assumedMasterState: { ...assumed, _deleted: false } }
    : { newDocumentState };
}

/** The next state of a record, changed by `by`. */
export function edited<T extends { updatedAt: number }>(
  record: T,
  by: string,
  change: Partial<T> = {},
) {
  return { ...record, ...change, updatedAt: record.updatedAt + 1, updatedBy: by };
}

async function signInEveryone(server: TestServer, tokens: Map<string, string>) {
  await addDemoSiteUser(server.baseUrl, {
    username: GONE,
    displayName: '离职顾问',
    role: 'advisor',
  });
  for (const username of [...DEMO_PEOPLE, GONE]) {
    const login = await loginAs(server.baseUrl, username, `${username}-tablet`);
    tokens.set(username, login.accessToken);
    await registerSignerKey(server.baseUrl, login);
  }
  const north = await loginAs(server.baseUrl, NORTH_ADVISOR, 'north-tablet', {
    password: NORTH_PASSWORD,
    enrolBy: NORTH_ADMIN,
  });
  tokens.set(NORTH_ADVISOR, north.accessToken);
  const deactivated = await requestJson(`${server.baseUrl}${API_BASE}/admin/users/${GONE}`, {
    method: 'PATCH',
    body: { active: false },
    headers: bearer(tokens.get('admin') ?? ''),
  });
  expect(deactivated.status).toBe(200);
}

/** Starts the scene before the file's tests and stops it after; the returned calls use it. */
export function attackScene() {
  let server: TestServer | undefined;
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    server = await startServerWithTwoSites();
    await signInEveryone(server, tokens);
  });
  afterAll(() => server?.stop());

  const baseUrl = () => {
    if (!server) throw new Error('the attack scene has not started');
    return server.baseUrl;
  };
  const tokenOf = (username: string) => {
    const token = tokens.get(username);
    if (!token) throw new Error(`${username} is not signed in`);
    return token;
  };

  async function push(collection: CollectionName, rows: RawRow[], by: string) {
    const answer = await pushRecords(baseUrl(), collection, tokenOf(by), rows);
    expect(answer.status).toBe(200);
    return answer.body;
  }

  /** Pushes records that must all be accepted: the scene an attack is tried in. */
  async function store(collection: CollectionName, rows: RawRow[], by: string) {
    const answer = await push(collection, rows, by);
    expect(answer.rejected).toEqual([]);
    expect(answer.conflicts).toEqual([]);
  }

  /** Both sites' every record and the last sequence: what "unchanged" means. */
  const bothSites = () => sitesState(baseUrl(), [tokenOf('advisor1'), tokenOf(NORTH_ADVISOR)]);

  /** The first row is refused with `code`, in both languages, and nothing at all changes. */
  async function expectRefused(
    code: ErrorCode,
    { collection, rows, by }: { collection: CollectionName; rows: RawRow[]; by: string },
  ) {
    const before = await bothSites();
    const answer = await push(collection, rows, by);
    const id = String((rows[0]?.newDocumentState as { id: string }).id);
    expect(answer.rejected).toEqual([{ id, code, message: ERROR_MESSAGES[code] }]);
    expect(answer.conflicts).toEqual([]);
    expect(await bothSites()).toEqual(before);
  }

  /** An order in the workshop, dispatched by the foreman to tech1, who ticked every operation. */
  async function workedOrder() {
    const order = makeWorkshopOrder();
    await store('repair_orders', [row(order)], 'advisor1');
    const dispatched = makeDispatchedJob(order);
    await store('jobs', [row(dispatched)], 'foreman1');
    const job = workedJob(order, dispatched);
    await store('jobs', [row(job, dispatched)], 'tech1');
    return { order, job };
  }

  return { baseUrl, tokenOf, push, store, bothSites, expectRefused, workedOrder };
}
