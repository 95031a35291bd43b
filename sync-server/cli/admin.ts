import path from 'node:path';
import { closeSqliteDatabase, openSqliteDatabase } from '../database/sqlite-database.js';
import { CliError, USAGE, isAdminCommand, runAdminCommand } from './admin-commands.js';

/**
 * Entry point of `npm run admin -- <command>`: opens (and migrates) the
 * database in DATA_DIR like the server does, runs one command, and exits 1
 * with a message on stderr when the input is wrong.
 */
async function main(argv: readonly string[]): Promise<number> {
  const [name = 'help', ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!isAdminCommand(name)) {
    process.stderr.write(`Error: unknown command "${name}".\n\n${USAGE}`);
    return 1;
  }
  const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
  const database = openSqliteDatabase(dataDir);
  try {
    process.stdout.write(`${await runAdminCommand(database, name, args)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`Error: ${error.message}\n`);
    return 1;
  } finally {
    closeSqliteDatabase(database);
  }
}

process.exitCode = await main(process.argv.slice(2));
