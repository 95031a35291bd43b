/**
 * Runs the product as `npm start` runs it (sync-server/main.ts serving dist/)
 * in a child process on a fixed port with its own data directory, so a test
 * can kill it hard and start it again at the same address.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export class ProductServer {
  private child: ChildProcess | null = null;
  private output = '';

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly staticDir: string | undefined,
  ) {}

  /** `staticDir` serves another copy of the built app instead of dist/. */
  static async start(options: { staticDir?: string } = {}): Promise<ProductServer> {
    const dataDir = mkdtempSync(join(tmpdir(), 'lane-e2e-'));
    const server = new ProductServer(await freePort(), dataDir, options.staticDir);
    await server.restart();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LOG_LEVEL: 'warn',
        ...(this.staticDir ? { STATIC_DIR: this.staticDir } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    await this.waitUntilHealthy();
  }

  /** SIGKILL: no shutdown hooks run, as when the server machine loses power. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Reads the server's own SQLite file, as an admin would, not through the API. */
  storedDocument<T>(collection: string, id: string): T | null {
    const database = new Database(join(this.dataDir, 'service-lane.sqlite'), {
      readonly: true,
      fileMustExist: true,
    });
    try {
      const row = database
        .prepare('SELECT data FROM documents WHERE collection = ? AND id = ?')
        .get(collection, id) as { data: string } | undefined;
      return row ? (JSON.parse(row.data) as T) : null;
    } finally {
      database.close();
    }
  }

  storedDocuments<T>(collection: string): T[] {
    const database = new Database(join(this.dataDir, 'service-lane.sqlite'), {
      readonly: true,
      fileMustExist: true,
    });
    try {
      const rows = database
        .prepare('SELECT data FROM documents WHERE collection = ?')
        .all(collection) as {
        data: string;
      }[];
      return rows.map((row) => JSON.parse(row.data) as T);
    } finally {
      database.close();
    }
  }

  /** Rows of a read-only query on the server's database file, for what no API shows a tablet. */
  rows<T>(sql: string, ...parameters: unknown[]): T[] {
    const database = new Database(join(this.dataDir, 'service-lane.sqlite'), {
      readonly: true,
      fileMustExist: true,
    });
    try {
      return database.prepare(sql).all(...parameters) as T[];
    } finally {
      database.close();
    }
  }

  private async waitUntilHealthy(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null) throw new Error(`server exited:\n${this.output}`);
      try {
        const response = await fetch(`${this.url}/api/v1/health`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`server did not become healthy:\n${this.output}`);
  }
}
