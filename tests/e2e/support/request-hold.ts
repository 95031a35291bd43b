/**
 * Holds one HTTP/1.1 request mid-flight on the test's network link, so a test
 * can act (close the tab) at a known point instead of by timing luck: with
 * part of the request body at the server, or with the request served but its
 * answer kept from the browser. Reads each connection's request stream only
 * as far as needed to find request boundaries (Content-Length bodies, which is
 * how Chromium sends XHR and fetch uploads; anything else is passed on as is).
 */

export type StallPoint =
  /** The headers and half the body reach the server; the rest never does. */
  | 'mid-body'
  /** The whole request reaches the server; its answer never reaches the browser. */
  | 'before-response';

export interface HoldRule {
  /** Matched against the request line, "METHOD /path?query HTTP/1.1". */
  request: RegExp;
  stall: StallPoint;
}

export interface HeldRequest {
  method: string;
  path: string;
  contentLength: number;
  /** Body bytes let through to the server. */
  forwardedBodyBytes: number;
}

/** Armed on a link until a request matches; it then holds that one request. */
export class RequestHold {
  private heldRequest: HeldRequest | null = null;
  private readonly bodyChunks: Buffer[] = [];
  private readonly caught = deferred<HeldRequest>();
  private readonly body = deferred<Buffer>();
  private readonly dropped = deferred<true>();

  constructor(readonly rule: HoldRule) {}

  /** Resolves once the request sits at its stall point. */
  waitUntilHeld(timeoutMs = 20_000): Promise<HeldRequest> {
    return within(this.caught.promise, timeoutMs, `a request matching ${this.rule.request} held`);
  }

  /** The whole body the browser sent (with 'mid-body' only half of it reached the server). */
  bodySent(timeoutMs = 20_000): Promise<Buffer> {
    return within(this.body.promise, timeoutMs, 'the held request body');
  }

  /** Resolves once the held request's connection is gone: the browser gave up on it. */
  async waitUntilDropped(timeoutMs = 20_000): Promise<void> {
    await within(this.dropped.promise, timeoutMs, 'the held connection to close');
  }

  get held(): HeldRequest | null {
    return this.heldRequest;
  }

  /** For ConnectionTap. */
  markHeld(request: HeldRequest): void {
    this.heldRequest = request;
    this.caught.resolve(request);
  }

  addBody(chunk: Buffer, complete: boolean): void {
    this.bodyChunks.push(chunk);
    if (complete) this.body.resolve(Buffer.concat(this.bodyChunks));
  }

  markDropped(): void {
    this.dropped.resolve(true);
  }
}

interface RequestInFlight {
  method: string;
  path: string;
  contentLength: number;
  received: number;
  hold: RequestHold | null;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_HEAD_BYTES = 64 * 1024;
const NOTHING = Buffer.alloc(0);

/** One connection's two directions: each call returns what goes through to the other side. */
export class ConnectionTap {
  private phase: 'head' | 'body' | 'stalled' | 'opaque' = 'head';
  private headBytes: Buffer = NOTHING;
  private request: RequestInFlight | null = null;
  private responseHeldFor: RequestInFlight | null = null;
  private readonly holds: RequestHold[] = [];

  /** `claim` hands out the armed hold matching a request line, if any, once. */
  constructor(private readonly claim: (requestLine: string) => RequestHold | null) {}

  fromClient(chunk: Buffer): Buffer {
    const out: Buffer[] = [];
    let rest = chunk;
    while (rest.length > 0) rest = this.step(rest, out);
    return Buffer.concat(out);
  }

  fromServer(chunk: Buffer): Buffer {
    const request = this.responseHeldFor;
    if (!request?.hold) return chunk;
    // The server has answered, so it has handled the request; the browser never hears of it.
    if (!request.hold.held) request.hold.markHeld(heldRequestOf(request));
    return NOTHING;
  }

  /** The connection is gone: so is any request held on it. */
  closed(): void {
    for (const hold of this.holds) hold.markDropped();
  }

  /** Consumes a prefix of `data`, pushing what goes through to `out`; returns the rest. */
  private step(data: Buffer, out: Buffer[]): Buffer {
    if (this.phase === 'opaque') out.push(data);
    if (this.phase === 'opaque' || this.phase === 'stalled') return NOTHING;
    if (this.phase === 'body') return this.stepBody(data, out);
    const buffered = Buffer.concat([this.headBytes, data]);
    const end = buffered.indexOf(HEAD_END);
    if (end < 0) {
      this.headBytes = buffered;
      if (buffered.length > MAX_HEAD_BYTES) this.passThrough(out);
      return NOTHING;
    }
    this.headBytes = buffered.subarray(0, end + HEAD_END.length);
    this.startRequest(out);
    return buffered.subarray(end + HEAD_END.length);
  }

  private startRequest(out: Buffer[]): void {
    const [requestLine = '', ...headerLines] = this.headBytes.toString('latin1').split('\r\n');
    const header = (name: string) =>
      headerLines
        .find((line) => line.toLowerCase().startsWith(`${name}:`))
        ?.slice(name.length + 1)
        .trim();
    if (header('transfer-encoding') !== undefined) return this.passThrough(out);
    out.push(this.headBytes);
    this.headBytes = NOTHING;
    const [method = '', path = ''] = requestLine.split(' ');
    const hold = this.claim(requestLine);
    if (hold) this.holds.push(hold);
    const contentLength = Number(header('content-length') ?? '0');
    if (hold?.rule.stall === 'mid-body' && contentLength < 2) {
      throw new Error(`cannot hold "${requestLine}" mid-body: it has no body to split`);
    }
    this.request = { method, path, contentLength, received: 0, hold };
    this.phase = 'body';
    if (contentLength === 0) this.endRequest(this.request);
  }

  private stepBody(data: Buffer, out: Buffer[]): Buffer {
    const request = this.request as RequestInFlight;
    const take = data.subarray(0, request.contentLength - request.received);
    const before = request.received;
    request.received += take.length;
    const complete = request.received === request.contentLength;
    request.hold?.addBody(take, complete);
    if (request.hold?.rule.stall === 'mid-body') {
      const limit = Math.floor(request.contentLength / 2);
      out.push(take.subarray(0, Math.max(0, limit - before)));
      if (request.received >= limit && !request.hold.held) {
        request.hold.markHeld({ ...heldRequestOf(request), forwardedBodyBytes: limit });
      }
    } else {
      out.push(take);
    }
    if (complete) this.endRequest(request);
    return data.subarray(take.length);
  }

  private endRequest(request: RequestInFlight): void {
    this.request = null;
    if (request.hold?.rule.stall === 'mid-body') {
      // The server waits for the rest of the body; nothing more goes through here.
      this.phase = 'stalled';
      return;
    }
    if (request.hold) this.responseHeldFor = request;
    this.phase = 'head';
  }

  private passThrough(out: Buffer[]): void {
    out.push(this.headBytes);
    this.headBytes = NOTHING;
    this.phase = 'opaque';
  }
}

function heldRequestOf({ method, path, contentLength, received }: RequestInFlight): HeldRequest {
  return { method, path, contentLength, forwardedBodyBytes: received };
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
