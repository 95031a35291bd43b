/**
 * One tablet's network link, as an HTTP proxy on 127.0.0.1 in front of the
 * sync server: while faults are on it drops, delays, duplicates and reorders
 * requests and loses responses, and cuts live streams, each decision drawn
 * from the scenario's seeded random numbers.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  NO_FAULTS,
  type FaultMix,
  type ForwardedRequest,
  type PushJournalEntry,
  type Random,
} from './fault-mix.js';
import { FaultTally } from './fault-tally.js';
import {
  readBody,
  relayUpstreamStream,
  sendUpstream,
  withoutHopHeaders,
  type Answer,
} from './http-upstream.js';

export class FaultProxy {
  private mix: FaultMix = NO_FAULTS;
  private random: Random = () => 1;
  /** Held requests and delays: released at once when the faults stop. */
  private readonly held = new Set<() => void>();
  private reorderPool: (() => void)[] = [];
  private faultedInFlight = 0;
  private readonly drainWaiters = new Set<() => void>();
  private readonly streams = new Set<ServerResponse>();
  /** Planned stream cuts: called off when the faults stop. */
  private readonly streamCuts = new Set<ReturnType<typeof setTimeout>>();
  /** Called as each request's body has gone to the server, before its answer. */
  onForward: (request: ForwardedRequest) => void = () => {};
  /** Holds a request back until it resolves: lets a test order requests by what happened. */
  beforeForward: (request: ForwardedRequest) => Promise<void> = async () => {};
  /** Called when the server's answer to a request has arrived. */
  onAnswer: (request: ForwardedRequest) => void = () => {};
  /** Holds the server's answer back from the tablet until it resolves. */
  beforeAnswer: (request: ForwardedRequest) => Promise<void> = async () => {};
  /** While true, live streams are cut and refused: the tablet learns of changes only by pulling. */
  streamsDown = false;
  tally = new FaultTally();
  /** Requests (live streams aside) between arrival and answer. */
  requestsInFlight = 0;
  /** Pushes the server has been sent and not yet answered. */
  pushesInFlight = 0;
  /** Every push of the scenario as it went and came back, for a failure's story. */
  journal: PushJournalEntry[] = [];

  private constructor(
    private readonly server: http.Server,
    private readonly upstreamPort: () => number | null,
  ) {}

  static async start(upstreamPort: () => number | null): Promise<FaultProxy> {
    const server = http.createServer();
    const proxy = new FaultProxy(server, upstreamPort);
    server.on('request', (request, response) => void proxy.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  setFaults(mix: FaultMix, random: Random): void {
    this.mix = mix;
    this.random = random;
    for (const stream of this.streams) this.maybeCutLater(stream);
  }

  /** No new faults; whatever is held goes on now. Resolves when no faulted request is left. */
  async heal(): Promise<void> {
    this.mix = NO_FAULTS;
    this.streamCuts.forEach((timer) => clearTimeout(timer));
    this.streamCuts.clear();
    this.flushReorderPool();
    for (const release of [...this.held]) release();
    if (this.faultedInFlight === 0) return;
    await new Promise<void>((resolve) => this.drainWaiters.add(resolve));
  }

  /** Ends every live stream, as the server's death would. */
  cutStreams(): void {
    for (const stream of this.streams) stream.destroy();
  }

  async close(): Promise<void> {
    await this.heal();
    this.cutStreams();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private chance(probability: number): boolean {
    return probability > 0 && this.random() < probability;
  }

  /** Waits ms, or less if the faults stop meanwhile. */
  private hold(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.held.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.held.add(release);
    });
  }

  private heldForReordering(): Promise<void> {
    return new Promise((resolve) => {
      this.reorderPool.push(resolve);
      if (this.reorderPool.length >= 3) this.flushReorderPool();
      else void this.hold(this.mix.maxDelayMs).then(() => this.flushReorderPool());
    });
  }

  /** Lets the held requests go in a shuffled order. */
  private flushReorderPool(): void {
    const pool = this.reorderPool;
    this.reorderPool = [];
    for (let index = pool.length - 1; index > 0; index -= 1) {
      const other = Math.floor(this.random() * (index + 1));
      [pool[index], pool[other]] = [pool[other] as () => void, pool[index] as () => void];
    }
    pool.forEach((release) => release());
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = request.url ?? '/';
    // The stream itself, not POST …/stream-ticket: that one is an ordinary request.
    if (/\/stream(\?|$)/.test(path)) return this.relayStream(request, response);
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch {
      return;
    }
    const faulted = this.mix !== NO_FAULTS;
    if (faulted) this.faultedInFlight += 1;
    this.requestsInFlight += 1;
    try {
      await this.relay(request, response, path, body);
    } finally {
      this.requestsInFlight -= 1;
      if (faulted) this.faultDone();
    }
  }

  private faultDone(): void {
    this.faultedInFlight -= 1;
    if (this.faultedInFlight > 0) return;
    for (const resolve of this.drainWaiters) resolve();
    this.drainWaiters.clear();
  }

  private async relay(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    body: Buffer,
  ): Promise<void> {
    const method = request.method ?? 'GET';
    const mix = this.mix;
    const entry: PushJournalEntry = { at: Date.now(), path, faults: [], request: body.toString() };
    if (method === 'POST' && path.endsWith('/push')) this.journal.push(entry);
    if (this.chance(mix.dropRequest)) {
      this.tally.count('requestDropped');
      entry.faults.push('dropped');
      return void request.socket.destroy();
    }
    if (this.chance(mix.reorder)) {
      this.tally.count('reordered');
      entry.faults.push('reordered');
      await this.heldForReordering();
    } else if (this.chance(mix.delay)) {
      this.tally.count('delayed');
      entry.faults.push('delayed');
      await this.hold(this.random() * mix.maxDelayMs);
    }
    if (this.chance(mix.duplicate)) {
      this.tally.count('duplicated');
      entry.faults.push('duplicated');
      const copyAfter = this.random() * mix.maxDelayMs;
      this.faultedInFlight += 1;
      void this.hold(copyAfter)
        .then(() => this.forward(method, path, request.headers, body))
        .catch(() => undefined)
        .finally(() => this.faultDone());
    }
    const loseAnswer = this.chance(mix.dropResponse);
    let answer: Answer;
    try {
      await this.beforeForward({ method, path });
      answer = await this.forward(method, path, request.headers, body);
      this.onAnswer({ method, path });
    } catch {
      this.tally.count('serverUnreachable');
      entry.faults.push('unreachable');
      return void request.socket.destroy();
    }
    entry.status = answer.status;
    entry.answer = answer.body.toString();
    if (loseAnswer) {
      entry.faults.push('answer lost');
      this.tally.count('responseDropped');
      return void request.socket.destroy();
    }
    if (this.chance(mix.delay)) await this.hold(this.random() * mix.maxDelayMs);
    await this.beforeAnswer({ method, path });
    const headers = withoutHopHeaders(answer.headers);
    headers['content-length'] = answer.body.length;
    response.writeHead(answer.status, headers);
    response.end(answer.body);
  }

  private forward(
    method: string,
    path: string,
    headers: http.IncomingHttpHeaders,
    body: Buffer,
  ): Promise<Answer> {
    const port = this.upstreamPort();
    if (port === null) return Promise.reject(new Error('server down'));
    const isPush = method === 'POST' && path.endsWith('/push');
    let sent = false;
    const answered = sendUpstream(port, { method, path, headers, body }, () => {
      sent = true;
      if (isPush) this.pushesInFlight += 1;
      this.onForward({ method, path });
    });
    return answered.finally(() => {
      if (isPush && sent) this.pushesInFlight -= 1;
    });
  }

  /** Live streams pass through as they come, unless cut. */
  private relayStream(request: IncomingMessage, response: ServerResponse): void {
    const port = this.upstreamPort();
    if (port === null || this.streamsDown) return void request.socket.destroy();
    relayUpstreamStream(port, request, response);
    this.streams.add(response);
    response.on('close', () => this.streams.delete(response));
    this.maybeCutLater(response);
  }

  private maybeCutLater(stream: ServerResponse): void {
    if (!this.chance(this.mix.cutStream)) return;
    const timer = setTimeout(
      () => {
        this.streamCuts.delete(timer);
        this.tally.count('streamCut');
        stream.destroy();
      },
      this.random() * this.mix.maxDelayMs * 4,
    );
    this.streamCuts.add(timer);
  }
}
