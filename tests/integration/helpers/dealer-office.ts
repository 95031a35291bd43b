import { afterEach, beforeEach, expect } from 'vitest';
import {
  DEMO_PASSWORD,
  type EnrolledDevice,
  type LoginResponse,
} from '../../../src/schema/index.js';
import type { EnrolledTablet } from '../../support/enrolled-tablet.js';
import { loginAs } from './auth.js';
import { codeOf, movableClock, type JsonAnswer } from './json-request.js';
import { tabletRequests } from './tablet-requests.js';
import { startTestServer, type TestServer } from './test-server.js';

/**
 * The demo dealer as the tablet enrolment and revocation tests need it: before
 * each test a fresh server on a clock the test moves, with the site's admin
 * signed in on the office PC and looking at the site's tablets.
 */
export const ADVISOR = { username: 'advisor1', password: DEMO_PASSWORD };

export function expectRefused(answer: JsonAnswer, status: number, code: string): void {
  expect({ status: answer.status, code: codeOf(answer) }).toEqual({ status, code });
}

export interface DealerWithOfficeAdmin {
  server: TestServer;
  clock: ReturnType<typeof movableClock>;
  api: ReturnType<typeof tabletRequests>;
  /** The demo site's admin, signed in on the office PC. */
  admin: LoginResponse;
  /** The admin's list of the site's tablets (another admin's, given their token). */
  listDevices: (token?: string) => Promise<EnrolledDevice[]>;
  deviceNamed: (name: string) => Promise<EnrolledDevice | undefined>;
  /** The advisor signs in on the tablet, from another loopback address when given. */
  signIn: (tablet: EnrolledTablet, from?: string) => Promise<JsonAnswer<LoginResponse>>;
}

/** Call inside a describe: starts the server before each of its tests and stops it after. */
export function dealerWithOfficeAdmin(): DealerWithOfficeAdmin {
  // Server, clock, api and admin are filled in by beforeEach, as `let`s would be.
  const dealer = {
    listDevices: async (token = dealer.admin.accessToken) => {
      const answer = await dealer.api.listDevices(token);
      expect(answer.status).toBe(200);
      return answer.body;
    },
    deviceNamed: async (name: string) =>
      (await dealer.listDevices()).find((device) => device.name === name),
    signIn: (tablet: EnrolledTablet, from?: string) => dealer.api.signIn(tablet, ADVISOR, from),
  } as DealerWithOfficeAdmin;

  beforeEach(async () => {
    dealer.clock = movableClock();
    dealer.server = await startTestServer({ auth: { now: dealer.clock.now } });
    dealer.api = tabletRequests(dealer.server.baseUrl);
    dealer.admin = await loginAs(dealer.server.baseUrl, 'admin', 'Office PC');
  });
  afterEach(() => dealer.server.stop());
  return dealer;
}
