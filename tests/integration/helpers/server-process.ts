import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

/**
 * Runs sync-server/main.ts as its own process, the way `npm start` does, and
 * follows its JSON log lines so a test can wait for what the server says.
 */
export interface LogRecord {
  msg?: string;
  url?: string;
  [key: string]: unknown;
}

export interface ServerProcess {
  child: ChildProcess;
  logs: LogRecord[];
  waitForLog(matches: (record: LogRecord) => boolean, timeoutMs?: number): Promise<LogRecord>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything written to stderr so far. */
  stderr(): string;
}

export function startServerProcess(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogRecord[] = [];
  const listeners = new Set<() => void>();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (!child.stdout) throw new Error('server process has no stdout');
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as LogRecord);
    } catch {
      logs.push({ msg: line });
    }
    for (const listener of listeners) listener();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );

  return {
    child,
    logs,
    exited,
    stderr: () => stderr,
    waitForLog(matches, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = logs.find(matches);
          if (!found) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(
              `log not seen in ${timeoutMs} ms.\nstdout: ${JSON.stringify(logs)}\nstderr: ${stderr}`,
            ),
          );
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
}
