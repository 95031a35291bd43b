/**
 * The sync server as its own process on a data directory, killed with
 * SIGKILL and started again on the same directory. A spare process with the
 * code already loaded waits for each restart, so a restart costs little.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./warm-server-entry.ts', import.meta.url));
// A hang, not a slow start: the first start compiles the server while two labs' eight
// tablet processes compile the app beside it on two cores (measured over 20 s).
const START_TIMEOUT_MS = 60_000;

interface ServerChild {
  child: ChildProcess;
  exited: Promise<void>;
  /** Resolves with the port once the server logs that it listens. */
  listening: Promise<number>;
  output: () => string;
}

function parseLogLine(line: string): { msg?: string; port?: number } {
  try {
    return JSON.parse(line) as { msg?: string; port?: number };
  } catch {
    return {};
  }
}

function spawnSpare(): ServerChild {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = `${output}${chunk.toString()}`.slice(-4_000));
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const listening = new Promise<number>((resolve, reject) => {
    if (!child.stdout) return reject(new Error('server process has no stdout'));
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      keep(Buffer.from(`${line}\n`));
      const record = parseLogLine(line);
      if (record.msg !== 'listening' || typeof record.port !== 'number') return;
      resolve(record.port);
      // Every request is logged from here on: keep the tail, parse no more.
      lines.close();
      child.stdout?.on('data', keep);
    });
    void exited.then(() => reject(new Error(`server exited before listening:\n${output}`)));
  });
  listening.catch(() => undefined);
  return { child, exited, listening, output: () => output };
}

export class ServerUnderTest {
  private current: (ServerChild & { port: number }) | null = null;
  private spare: ServerChild = spawnSpare();

  constructor(public dataDir: string) {}

  /** The server's port, or null while it is down. */
  get port(): number | null {
    return this.current?.port ?? null;
  }

  /** Starts the spare on the data directory and readies the next spare. */
  async start(): Promise<void> {
    if (this.current) throw new Error('the server is already running');
    const launched = this.spare;
    this.spare = spawnSpare();
    launched.child.stdin?.end(`${JSON.stringify({ DATA_DIR: this.dataDir, LOG_LEVEL: 'info' })}\n`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`server not listening in ${START_TIMEOUT_MS} ms:\n${launched.output()}`),
          ),
        START_TIMEOUT_MS,
      );
    });
    try {
      const port = await Promise.race([launched.listening, timeout]);
      this.current = { ...launched, port };
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL: no shutdown hook runs, the database is left as it was at that instant. */
  async kill(): Promise<void> {
    const victim = this.current;
    if (!victim) return;
    this.current = null;
    victim.child.kill('SIGKILL');
    await victim.exited;
  }

  async stop(): Promise<void> {
    await this.kill();
    this.spare.child.kill('SIGKILL');
    await this.spare.exited;
  }
}
