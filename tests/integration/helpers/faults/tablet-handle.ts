/**
 * The test's side of a tablet process (tablet-process.ts): starts it, sends
 * it commands over IPC and waits, within a deadline, for each answer.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
  TabletCommand,
  TabletIdentity,
  TabletNotice,
  TabletReply,
  TabletRequest,
} from './tablet-messages.js';

const ENTRY = fileURLToPath(new URL('./tablet-process.ts', import.meta.url));
const COMMAND_TIMEOUT_MS = 20_000;
const OUTPUT_KEPT = 4_000;

export class TabletHandle {
  private nextRequestId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  /** The end of what the process printed. */
  output = '';
  /** Errors the app raised that no command was waiting for; the test expects none. */
  readonly unhandled: string[] = [];
  private readonly exited: Promise<void>;

  private constructor(
    readonly identity: TabletIdentity,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (message: TabletReply | TabletNotice) => {
      if ('notice' in message) {
        this.unhandled.push(message.error);
        return;
      }
      const waiter = this.waiting.get(message.requestId);
      this.waiting.delete(message.requestId);
      if (message.ok) waiter?.resolve(message.result);
      else waiter?.reject(new Error(`${identity.name}: ${message.error}`));
    });
    this.exited = new Promise((resolve) => child.on('exit', () => resolve()));
    void this.exited.then(() => {
      for (const waiter of this.waiting.values())
        waiter.reject(new Error(`${identity.name} exited`));
      this.waiting.clear();
    });
  }

  static start(identity: TabletIdentity): TabletHandle {
    const child = fork(ENTRY, [], {
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        TABLET_USER: identity.username,
        TABLET_SITE: identity.siteId,
        TABLET_ROLE: identity.role,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const tablet = new TabletHandle(identity, child);
    // RxDB prints a notice per database opened; only the last lines matter, for a failure report.
    const keep = (chunk: Buffer) => {
      tablet.output = `${tablet.output}${chunk.toString()}`.slice(-OUTPUT_KEPT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return tablet;
  }

  get name(): string {
    return this.identity.name;
  }

  send<T = unknown>(command: TabletCommand, timeoutMs = COMMAND_TIMEOUT_MS): Promise<T> {
    const requestId = this.nextRequestId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        reject(new Error(`${this.name}: ${command.kind} not answered in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(requestId, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      const request: TabletRequest = { ...command, requestId };
      this.child.send(request);
    });
  }

  /** Closes the app if it can, then ends the process. */
  async stop(): Promise<void> {
    await this.send({ kind: 'close' }, 10_000).catch(() => undefined);
    if (this.child.connected) this.child.disconnect();
    const killed = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(killed);
  }
}
