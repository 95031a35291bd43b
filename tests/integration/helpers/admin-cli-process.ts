import { execFile } from 'node:child_process';

/**
 * `npm run admin -- <command>` as its own Node process against a data
 * directory, the way an installer or an auditor runs it beside the server.
 */
export interface AdminCliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runAdminCli(
  dataDir: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<AdminCliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'sync-server/cli/admin.ts', ...args],
      { cwd: process.cwd(), env: { ...process.env, ...env, DATA_DIR: dataDir } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
