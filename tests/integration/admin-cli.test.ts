import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_BASE, type SiteUser } from '../../src/schema/index.js';
import { verifySecret } from '../../sync-server/auth/secret-hash.js';
import {
  enrolTablet,
  loginOnTablet,
  tabletNamed,
  type EnrollingAdmin,
} from '../support/enrolled-tablet.js';
import { bearer, loginAs } from './helpers/auth.js';
import { codeOf, requestJson } from './helpers/json-request.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { openEventStream } from './helpers/sse-client.js';
import { pullAll, pushRows, streamUrl, toWire } from './helpers/sync-http.js';
import { makeTempDir, startTestServer } from './helpers/test-server.js';

/**
 * `npm run admin`, run as a separate process against a data directory the
 * way an installer would: the first site and admin, then a server on it.
 */
interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The north site's first admin, as the CLI creates it: the one who enrols north's tablets. */
const BOSS_ENROLS: EnrollingAdmin = { username: 'boss', password: 'a long secret' };

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const BOSS = [
  '--site',
  'north',
  '--username',
  'boss',
  '--name',
  'Zhang Min 张敏',
  '--role',
  'admin',
];

// Each command is its own Node process (about a second): more time than the default.
describe('the admin command', { timeout: 90_000 }, () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await makeTempDir();
  });
  afterEach(() => fs.rm(dataDir, { recursive: true, force: true }));

  function admin(...args: string[]): Promise<CliRun> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'sync-server/cli/admin.ts', ...args],
        { cwd: process.cwd(), env: { ...process.env, DATA_DIR: dataDir } },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  function expectFails(run: CliRun, message: RegExp) {
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  }

  it('creates a site and its first admin, who then signs in and manages users', async () => {
    const site = await admin('create-site', '--id', 'north', '--name', 'North Motors 北方汽车');
    expect(site).toMatchObject({
      code: 0,
      stdout: 'Created site north (North Motors 北方汽车).\n',
    });
    const user = await admin(
      'create-user',
      ...BOSS,
      '--password',
      'a long secret',
      '--pin',
      '2468',
    );
    expect(user).toMatchObject({ code: 0, stdout: 'Created user boss (admin) at site north.\n' });

    const server = await startTestServer({ dataDir, demoUsers: false });
    try {
      const login = await loginAs(server.baseUrl, 'boss', 'install-pc', {
        password: 'a long secret',
        enrolBy: BOSS_ENROLS,
      });
      expect(login.user).toMatchObject({
        siteId: 'north',
        role: 'admin',
        displayName: 'Zhang Min 张敏',
      });
      expect(await verifySecret('2468', login.pinHash)).toBe(true);
      const users = await requestJson<SiteUser[]>(`${server.baseUrl}${API_BASE}/admin/users`, {
        headers: bearer(login.accessToken),
      });
      expect(users.body.map((each) => each.username)).toEqual(['boss']);
    } finally {
      await server.stop({ keepData: true });
    }
  });

  it('resets a password and a PIN, and deactivates a user', async () => {
    await admin('create-site', '--id', 'north', '--name', 'North Motors');
    await admin('create-user', ...BOSS, '--password', 'a long secret', '--pin', '2468');
    const tech = ['--site', 'north', '--username', 'tech7'];
    await admin(
      'create-user',
      ...tech,
      '--name',
      'Tech',
      '--role',
      'technician',
      '--password',
      'first-password',
      '--pin',
      '1111',
    );

    // Independent changes, run side by side as two admins at two terminals might.
    const [password, pin, deactivated] = await Promise.all([
      admin('reset-password', ...tech, '--password', 'second-password'),
      admin('reset-pin', ...BOSS.slice(0, 4), '--pin', '97531'),
      admin('deactivate', ...tech),
    ]);
    expect([password.code, pin.code, deactivated.code]).toEqual([0, 0, 0]);
    expect(password.stdout).toBe('New password set for tech7 at site north.\n');
    expect(deactivated.stdout).toBe('Deactivated for tech7 at site north.\n');
    const listed = await admin('list-users', '--site', 'north');
    expect(listed.stdout.trim().split('\n')).toEqual([
      'username\trole\tstatus\tname',
      'boss\tadmin\tactive\tZhang Min 张敏',
      'tech7\ttechnician\tinactive\tTech',
    ]);

    const server = await startTestServer({ dataDir, demoUsers: false });
    try {
      const boss = await loginAs(server.baseUrl, 'boss', 'pc', {
        password: 'a long secret',
        enrolBy: BOSS_ENROLS,
      });
      expect(await verifySecret('97531', boss.pinHash)).toBe(true);
      const pc = await tabletNamed(server.baseUrl, 'pc', BOSS_ENROLS);
      const login = (password: string) =>
        requestJson(`${server.baseUrl}${API_BASE}/auth/login`, {
          method: 'POST',
          body: { username: 'tech7', password, ...pc },
        });
      expect(codeOf(await login('first-password'))).toBe('LOGIN_FAILED');
      expect(codeOf(await login('second-password'))).toBe('USER_INACTIVE');
    } finally {
      await server.stop({ keepData: true });
    }
  });

  it('lists the site’s tablets and revokes one: the running server refuses it and ends its live stream, the other tablet goes on', async () => {
    await admin('create-site', '--id', 'north', '--name', 'North Motors');
    await admin('create-user', ...BOSS, '--password', 'a long secret', '--pin', '2468');
    const advisor = { username: 'adv', password: 'advisor-secret' };
    await admin(
      'create-user',
      ...['--site', 'north', '--username', advisor.username, '--name', 'Li Na 李娜'],
      ...['--role', 'advisor', '--password', advisor.password, '--pin', '1357'],
    );
    const server = await startTestServer({ dataDir, demoUsers: false });
    try {
      const frontDesk = await enrolTablet(server.baseUrl, 'Front desk 前台', BOSS_ENROLS);
      const workshop = await enrolTablet(server.baseUrl, 'Workshop 车间', BOSS_ENROLS);
      const onFrontDesk = await loginOnTablet(server.baseUrl, frontDesk, BOSS_ENROLS);

      const listed = await admin('list-devices', '--site', 'north');
      expect(listed.code).toBe(0);
      expect(
        listed.stdout
          .trim()
          .split('\n')
          .map((line) => line.split('\t')),
      ).toEqual([
        ['id', 'status', 'last seen', 'enrolled by', 'name'],
        // Newest first; "-" until someone signs in on it.
        [workshop.deviceId, 'active', '-', 'boss', 'Workshop 车间'],
        [frontDesk.deviceId, 'active', expect.stringMatching(ISO_TIME), 'boss', 'Front desk 前台'],
      ]);

      const advisorAtFrontDesk = await loginOnTablet(server.baseUrl, frontDesk, advisor);
      const frontDeskStream = await openEventStream(
        await streamUrl(server.baseUrl, advisorAtFrontDesk.accessToken),
      );
      await frontDeskStream.waitFor((event): event is 'RESYNC' => event === 'RESYNC');

      const revoked = await admin('revoke-device', '--site', 'north', '--id', frontDesk.deviceId);
      expect(revoked).toMatchObject({
        code: 0,
        stdout: `Revoked tablet ${frontDesk.deviceId} (Front desk 前台) at site north.\n`,
      });
      // The server reads the revocation at the front desk's next request, no restart needed.
      await expect(pullAll(server.baseUrl, onFrontDesk.accessToken)).rejects.toThrow(
        /401 .*DEVICE_REVOKED/,
      );
      await expect(loginOnTablet(server.baseUrl, frontDesk, BOSS_ENROLS)).rejects.toThrow(
        /403 .*DEVICE_REVOKED/,
      );
      const onWorkshop = await loginOnTablet(server.baseUrl, workshop, BOSS_ENROLS);
      expect((await pullAll(server.baseUrl, onWorkshop.accessToken)).documents).toEqual([]);

      // Revoked by another process, the open stream ends at the next event and never carries it.
      const advisorInWorkshop = await loginOnTablet(server.baseUrl, workshop, advisor);
      const order = makeRepairOrder({ siteId: 'north', createdBy: 'adv', updatedBy: 'adv' });
      const pushed = await pushRows(
        server.baseUrl,
        [{ newDocumentState: toWire(order) }],
        advisorInWorkshop.accessToken,
      );
      expect(pushed).toEqual({ conflicts: [], rejected: [] });
      await frontDeskStream.ended;
      expect(frontDeskStream.events).toEqual(['RESYNC']);

      const relisted = await admin('list-devices', '--site', 'north');
      expect(relisted.stdout).toMatch(new RegExp(`\n${frontDesk.deviceId}\trevoked\t`));
      expect(relisted.stdout).toMatch(new RegExp(`\n${workshop.deviceId}\tactive\t`));
    } finally {
      await server.stop({ keepData: true });
    }
  });

  it('refuses bad input with a message and exit code 1, and changes nothing', async () => {
    await admin('create-site', '--id', 'north', '--name', 'North Motors');
    await admin('create-user', ...BOSS, '--password', 'a long secret', '--pin', '2468');
    const before = await admin('list-users', '--site', 'north');
    const newUser = (overrides: Record<string, string>) => {
      const options = {
        site: 'north',
        username: 'clerk9',
        name: 'Clerk',
        role: 'clerk',
        password: 'long-enough',
        pin: '1234',
        ...overrides,
      };
      return admin(
        'create-user',
        ...Object.entries(options).flatMap(([key, value]) => [`--${key}`, value]),
      );
    };

    // Each refused on its own, so they run side by side.
    const refusals: [Promise<CliRun>, RegExp][] = [
      [newUser({ role: 'wizard' }), /Unknown role\. Use one of: advisor, technician/],
      [newUser({ username: 'boss' }), /already used at this site/],
      [newUser({ password: 'short' }), /at least 8 characters/],
      [newUser({ pin: '12' }), /PIN is 4 to 8 digits/],
      [newUser({ username: 'Clerk Nine' }), /A username is 2–32/],
      [newUser({ site: 'south' }), /There is no site "south"/],
      [admin('create-user', '--site', 'north'), /Missing --username, --name/],
      [admin('create-site', '--id', 'north', '--name', 'Again'), /exists already/],
      [admin('deactivate', ...BOSS.slice(0, 4)), /at least one active admin/],
      [
        admin('reset-pin', '--site', 'north', '--username', 'nobody', '--pin', '1234'),
        /no such user/,
      ],
      [admin('create-user', ...BOSS, '--colour', 'red'), /Unknown option '--colour'/],
      [admin('promote'), /unknown command "promote"[\s\S]*Usage: npm run admin/],
      [admin('list-devices', '--site', 'south'), /There is no site "south"/],
      [
        admin('revoke-device', '--site', 'north', '--id', 'tablet-nowhere'),
        /Site north has no tablet "tablet-nowhere"\. See list-devices\./,
      ],
    ];
    for (const [run, message] of refusals) expectFails(await run, message);

    expect(await admin('list-users', '--site', 'north')).toEqual(before);
  });

  it('explains itself', async () => {
    const help = await admin('help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('create-user     --site <site id> --username <username>');
    expect(help.stdout).toContain('list-devices    --site <site id>');
    expect(help.stdout).toContain('revoke-device   --site <site id> --id <device id>');
    expect(help.stdout).toContain(
      'Roles: advisor, technician, team-leader, foreman, clerk, manager, admin.',
    );
    // Help touches no data directory.
    expect(await fs.readdir(dataDir)).toEqual([]);
  });
});
