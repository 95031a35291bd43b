import { parseArgs } from 'node:util';
import type { Database } from 'better-sqlite3';
import { AUTH_LIMITS, ERROR_MESSAGES, ROLES } from '../../src/schema/index.js';
import { adminCommandActor } from '../audit/admin-audit-events.js';
import { auditChainSourcesOf, verifyAuditChain } from '../audit/audit-chain.js';
import { listSiteDevices, revokeDevice } from '../auth/devices.js';
import { addSiteUser, changeSiteUser, type UserAdminOutcome } from '../auth/user-admin.js';
import { DISPLAY_NAME_MAX_LENGTH, type UserRuleViolation } from '../auth/user-rules.js';
import { insertSite, listSiteUsers, siteExists } from '../database/sqlite-directory.js';

/**
 * The commands of `npm run admin`: sites and users managed straight in the
 * database, for the first admin and for when no admin can sign in. Users go
 * through the same functions (and rules) as the admin API.
 */
export class CliError extends Error {}

export const USAGE = `Usage: npm run admin -- <command> [options]

Manages dealer sites and their users in the server's database
(DATA_DIR/service-lane.sqlite, DATA_DIR defaults to ./data). Safe to run while
the server runs; changes apply at once.

Commands:
  create-site     --id <site id> --name <site name>
  create-user     --site <site id> --username <username> --name <display name>
                  --role <role> --password <password> --pin <pin>
  reset-password  --site <site id> --username <username> --password <password>
  reset-pin       --site <site id> --username <username> --pin <pin>
  deactivate      --site <site id> --username <username>
  list-users      --site <site id>
  list-devices    --site <site id>
  revoke-device   --site <site id> --id <device id>
  verify-audit    --site <site id>   (exit code 1 when the chain or its last seal fails)
  help

Roles: ${ROLES.join(', ')}.
Usernames: ${AUTH_LIMITS.usernamePattern}; passwords: at least ${AUTH_LIMITS.passwordMinLength} characters; PINs: 4 to 8 digits.
A new password or deactivation signs the user out on every tablet.
Tablets are enrolled on the tablet itself, with a site admin's password; a
revoked tablet's next request is refused and its unsynced records stay on it.

Example (the first admin of a new site):
  npm run admin -- create-site --id north --name "North Motors"
  npm run admin -- create-user --site north --username admin --name "Site admin" \\
    --role admin --password 'a long secret' --pin 2468
`;

const SITE_ID = /^[a-z0-9][a-z0-9-]{1,63}$/;

type Options = Record<string, string>;

interface Command {
  options: readonly string[];
  run(database: Database, options: Options): Promise<string>;
}

function describe(violation: UserRuleViolation): string {
  if (violation.field === '/role') return `Unknown role. Use one of: ${ROLES.join(', ')}.`;
  if (violation.field === '/displayName') {
    return `A display name has 1 to ${DISPLAY_NAME_MAX_LENGTH} characters.`;
  }
  if (violation.code === 'SCHEMA_INVALID' && violation.field === '/password') {
    return `A password has at most ${AUTH_LIMITS.passwordMaxLength} characters.`;
  }
  return ERROR_MESSAGES[violation.code].en;
}

function requireSite(database: Database, siteId: string): void {
  if (!siteExists(database, siteId)) {
    throw new CliError(`There is no site "${siteId}". Create it first with create-site.`);
  }
}

function report(outcome: UserAdminOutcome, done: (username: string) => string): string {
  if (!outcome.ok) throw new CliError(describe(outcome.violation));
  return done(outcome.user.username);
}

async function changeUser(
  database: Database,
  options: Options,
  changes: Parameters<typeof changeSiteUser>[3],
  what: string,
): Promise<string> {
  const site = options.site ?? '';
  requireSite(database, site);
  const outcome = await changeSiteUser(
    database,
    site,
    options.username ?? '',
    changes,
    Date.now(),
    adminCommandActor(),
  );
  return report(outcome, (username) => `${what} for ${username} at site ${site}.`);
}

const COMMANDS: Record<string, Command> = {
  'create-site': {
    options: ['id', 'name'],
    async run(database, { id = '', name = '' }) {
      if (!SITE_ID.test(id)) {
        throw new CliError('A site id is 2–64 lower-case letters, digits or dashes.');
      }
      if (name.trim() === '') throw new CliError('A site needs a name.');
      if (siteExists(database, id)) throw new CliError(`Site "${id}" exists already.`);
      insertSite(database, { id, name: name.trim() });
      return `Created site ${id} (${name.trim()}).`;
    },
  },
  'create-user': {
    options: ['site', 'username', 'name', 'role', 'password', 'pin'],
    async run(database, options) {
      const site = options.site ?? '';
      requireSite(database, site);
      const outcome = await addSiteUser(
        database,
        site,
        {
          username: options.username ?? '',
          displayName: options.name ?? '',
          role: options.role ?? '',
          password: options.password ?? '',
          pin: options.pin ?? '',
        },
        adminCommandActor(),
      );
      return report(
        outcome,
        (username) => `Created user ${username} (${options.role}) at site ${site}.`,
      );
    },
  },
  'reset-password': {
    options: ['site', 'username', 'password'],
    run: (database, options) =>
      changeUser(database, options, { password: options.password ?? '' }, 'New password set'),
  },
  'reset-pin': {
    options: ['site', 'username', 'pin'],
    run: (database, options) =>
      changeUser(database, options, { pin: options.pin ?? '' }, 'New PIN set'),
  },
  deactivate: {
    options: ['site', 'username'],
    run: (database, options) => changeUser(database, options, { active: false }, 'Deactivated'),
  },
  'list-users': {
    options: ['site'],
    async run(database, { site = '' }) {
      requireSite(database, site);
      const rows = listSiteUsers(database, site).map((user) =>
        [user.username, user.role, user.active ? 'active' : 'inactive', user.displayName].join(
          '\t',
        ),
      );
      return ['username\trole\tstatus\tname', ...rows].join('\n');
    },
  },
  'list-devices': {
    options: ['site'],
    async run(database, { site = '' }) {
      requireSite(database, site);
      const when = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());
      const rows = listSiteDevices(database, site).map((device) =>
        [
          device.id,
          device.revokedAt === null ? 'active' : 'revoked',
          when(device.lastSeenAt),
          device.enrolledBy,
          device.name,
        ].join('\t'),
      );
      return ['id\tstatus\tlast seen\tenrolled by\tname', ...rows].join('\n');
    },
  },
  'revoke-device': {
    options: ['site', 'id'],
    async run(database, { site = '', id = '' }) {
      requireSite(database, site);
      const actor = adminCommandActor();
      const change = { siteId: site, deviceId: id, revokedBy: actor.username, actor };
      const device = revokeDevice(database, change, Date.now());
      if (!device) throw new CliError(`Site ${site} has no tablet "${id}". See list-devices.`);
      return `Revoked tablet ${device.id} (${device.name}) at site ${site}.`;
    },
  },
  'verify-audit': {
    options: ['site'],
    run: (database, { site = '' }) => verifyAuditCommand(database, site),
  },
};

/** What verify-audit prints: the verdict in a line, or a CliError naming what broke. */
async function verifyAuditCommand(database: Database, site: string): Promise<string> {
  requireSite(database, site);
  const verdict = await verifyAuditChain(auditChainSourcesOf(database), site);
  const sealed = verdict.seal
    ? `last seal ${new Date(verdict.seal.sealedAt).toISOString()} at entry ${verdict.seal.lastSeq}`
    : 'never sealed';
  if (!verdict.ok) {
    const at = verdict.firstBrokenSeq === undefined ? '' : ` at entry ${verdict.firstBrokenSeq}`;
    throw new CliError(
      `Audit chain of site ${site} FAILS: ${verdict.problem}${at} (${verdict.entries} entries, ${sealed}).`,
    );
  }
  return `Audit chain of site ${site} holds: ${verdict.entries} entries, ${sealed}.`;
}

export function isAdminCommand(name: string): boolean {
  return Object.hasOwn(COMMANDS, name);
}

function parseOptions(command: Command, args: readonly string[]): Options {
  let values: Record<string, string | boolean | undefined>;
  try {
    const options: Record<string, { type: 'string' }> = Object.fromEntries(
      command.options.map((name) => [name, { type: 'string' }]),
    );
    ({ values } = parseArgs({ args: [...args], options, strict: true }));
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const missing = command.options.filter((name) => typeof values[name] !== 'string');
  if (missing.length > 0) {
    throw new CliError(`Missing ${missing.map((name) => `--${name}`).join(', ')}.`);
  }
  return values as Options;
}

/** Runs one command; its text for stdout, or a CliError with what to fix. */
export async function runAdminCommand(
  database: Database,
  name: string,
  args: readonly string[],
): Promise<string> {
  const command = COMMANDS[name];
  if (!command) throw new CliError(`Unknown command "${name}".\n\n${USAGE}`);
  return command.run(database, parseOptions(command, args));
}
