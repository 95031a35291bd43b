/**
 * The HTTP side of the sync protocol (src/schema/protocol.ts): pull, push and
 * the live stream of one collection, signed in with the tablet's access token,
 * with server refusals turned into CodedErrors the indicator can show in
 * either language.
 */
import { Subject } from 'rxjs';
import {
  API_BASE,
  ERROR_MESSAGES,
  PROTOCOL_HEADER,
  STORE_HEADER,
  STREAM_TICKET_PARAMETER,
  SYNC_PROTOCOL_VERSION,
  codedError,
  type ChangesPullResponse,
  type CodedError,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type SyncCheckpoint,
  type WireDocument,
} from '../schema/index.js';
import { freshStreamTicket } from './stream-ticket.js';

export class SyncHttpError extends Error {
  /** Survives RxDB turning the error into plain JSON on its way to error$ (see codedErrorOf). */
  readonly parameters: { status: number; coded: CodedError };

  constructor(
    readonly status: number,
    readonly coded: CodedError,
  ) {
    super(`${status} ${coded.code}: ${coded.message.en}`);
    this.name = 'SyncHttpError';
    this.parameters = { status, coded };
  }
}

/** The server's coded refusal in an error, whether a SyncHttpError or RxDB's plain-JSON copy of one. */
export function codedErrorOf(error: unknown): CodedError | null {
  if (error instanceof SyncHttpError) return error.coded;
  const plain = error as { name?: unknown; parameters?: { coded?: CodedError } } | null;
  return plain?.name === 'SyncHttpError' ? (plain.parameters?.coded ?? null) : null;
}

/** Where sync gets its access token; the session feature implements it. */
export interface AccessTokenSource {
  accessToken(): Promise<string | null>;
  /** after a 401: a fresh token, or null */
  refreshAfterUnauthorized(): Promise<string | null>;
  /**
   * The session of one person of this tablet, by username: each person's
   * changes are pushed with their own (its accessToken is null once they must
   * sign in again). Without it, every change goes with this source's token.
   */
  forPerson?(username: string): AccessTokenSource;
}

/** Reconnecting a live stream the server refused: doubling from firstMs, at most maxMs apart. */
export const STREAM_RETRY = { firstMs: 2_000, maxMs: 30_000 };

let sharedTokens: AccessTokenSource | undefined;

/** The running sync's token source, for other requests to the server (photo downloads). */
export function shareAccessTokens(tokens: AccessTokenSource | undefined): void {
  sharedTokens = tokens;
}

export function sharedAccessTokens(): AccessTokenSource | undefined {
  return sharedTokens;
}

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/**
 * Runs `call` with the access token; after a 401 (a SyncHttpError) once more
 * with a fresh one. With no token at all nothing is sent. Without a source
 * (tests of the bare protocol) the request goes out unsigned.
 */
export async function withAccessToken<T>(
  tokens: AccessTokenSource | undefined,
  call: (authorization: Record<string, string>) => Promise<T>,
): Promise<T> {
  if (!tokens) return call({});
  const token = await tokens.accessToken();
  if (token === null) throw new SyncHttpError(401, codedError('AUTH_REQUIRED'));
  try {
    return await call(bearer(token));
  } catch (error) {
    if (!(error instanceof SyncHttpError) || error.status !== 401) throw error;
    const fresh = await tokens.refreshAfterUnauthorized();
    if (fresh === null) throw error;
    return call(bearer(fresh));
  }
}

/** What the live stream tells: pull everything again, or the documents a write committed. */
type StreamItem<T> = 'RESYNC' | { documents: WireDocument<T>[]; checkpoint: SyncCheckpoint };

export class SyncClient {
  /**
   * `store`: this tablet database's id (store-identity.ts), named on push and
   * pull so the server leaves out of its pulls what it pushed itself.
   */
  constructor(
    private readonly baseUrl: string,
    private readonly collection: string,
    private readonly tokens?: AccessTokenSource,
    private readonly store?: () => Promise<string>,
  ) {}

  private url(action: string): string {
    return `${this.baseUrl}${API_BASE}/sync/${this.collection}/${action}`;
  }

  /** Every collection's changes at once, in the site's sequence (the client's collection plays no part). */
  async pullChanges(
    checkpoint: SyncCheckpoint | undefined,
    limit: number,
  ): Promise<ChangesPullResponse> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (checkpoint) query.set('checkpoint', String(checkpoint.sequence));
    const url = `${this.baseUrl}${API_BASE}/sync/pull?${query}`;
    const response = await this.send(url, { method: 'GET' });
    return (await response.json()) as ChangesPullResponse;
  }

  async push<T>(rows: PushRow<T>[]): Promise<PushResponse<T>> {
    const response = await this.send(this.url('push'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    });
    return (await response.json()) as PushResponse<T>;
  }

  /** This collection's share of the live stream (see LiveStream). */
  openStream<T>(): { events: Subject<StreamItem<T>>; close: () => void } {
    const events = new Subject<StreamItem<T>>();
    const stop = liveStreamOf(this.baseUrl, this.tokens).subscribe(this.collection, (item) =>
      events.next(item as StreamItem<T>),
    );
    return {
      events,
      close: () => {
        stop();
        events.complete();
      },
    };
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const store: Record<string, string> = this.store ? { [STORE_HEADER]: await this.store() } : {};
    return withAccessToken(this.tokens, async (authorization) => {
      const response = await fetch(url, {
        ...init,
        headers: {
          ...init.headers,
          [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
          ...store,
          ...authorization,
        },
        cache: 'no-store',
      });
      if (response.ok) return response;
      throw new SyncHttpError(response.status, await readCodedError(response));
    });
  }
}

type StreamMessage = 'RESYNC' | (PullResponse<unknown> & { collection: string });
type StreamListener = (item: StreamItem<unknown>) => void;

/**
 * One server-sent-event connection carrying every collection of a server
 * (`GET /api/v1/sync/stream`): a browser allows six HTTP/1.1 connections per
 * server, so a stream per collection would leave pull and push none. The
 * server opens each connection with RESYNC. Its address carries a single-use
 * ticket (stream-ticket.ts), never the token, fetched before each connect.
 * EventSource would reconnect by itself after a drop with the same address,
 * whose ticket is spent, so on any error the stream is closed and reopened
 * with a new ticket, backing off up to STREAM_RETRY.maxMs. Ends when its last
 * collection stops listening.
 */
class LiveStream {
  private readonly listeners = new Map<string, Set<StreamListener>>();
  private source: EventSource | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly baseUrl: string,
    private readonly tokens: AccessTokenSource | undefined,
    private readonly onClosed: () => void,
  ) {
    void this.connect();
  }

  subscribe(collection: string, listener: StreamListener): () => void {
    const set = this.listeners.get(collection) ?? new Set<StreamListener>();
    this.listeners.set(collection, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(collection);
      if (this.listeners.size === 0) this.close();
    };
  }

  private relay(data: string): void {
    const message = JSON.parse(data) as StreamMessage;
    if (message === 'RESYNC') {
      for (const set of this.listeners.values()) set.forEach((listener) => listener('RESYNC'));
      return;
    }
    const { checkpoint, documents } = message;
    if (!checkpoint) return;
    this.listeners
      .get(message.collection)
      ?.forEach((listener) => listener({ documents, checkpoint }));
  }

  /** undefined: no token source, connect unsigned; null: no ticket now (offline, refused). */
  private async ticket(): Promise<string | null | undefined> {
    if (!this.tokens) return undefined;
    return freshStreamTicket(this.baseUrl, this.tokens).catch(() => null);
  }

  private async connect(): Promise<void> {
    const ticket = await this.ticket();
    if (this.closed) return;
    if (ticket === null) return this.reconnectLater();
    const query = new URLSearchParams({ protocol: String(SYNC_PROTOCOL_VERSION) });
    if (ticket !== undefined) query.set(STREAM_TICKET_PARAMETER, ticket);
    const source = new EventSource(`${this.baseUrl}${API_BASE}/sync/stream?${query}`);
    this.source = source;
    source.onopen = () => (this.failures = 0);
    source.onmessage = (message: MessageEvent<string>) => this.relay(message.data);
    // Dropped or refused: never let EventSource retry with the spent ticket.
    source.onerror = () => {
      if (this.source === source) this.reconnectLater();
    };
  }

  private reconnectLater(): void {
    this.source?.close();
    this.source = null;
    if (this.closed) return;
    this.failures += 1;
    const delay = Math.min(STREAM_RETRY.maxMs, STREAM_RETRY.firstMs * 2 ** (this.failures - 1));
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.onClosed();
  }
}

const liveStreams: { baseUrl: string; tokens?: AccessTokenSource; stream: LiveStream }[] = [];

/** The live stream of this server and sign-in, opened by its first listener. */
function liveStreamOf(baseUrl: string, tokens: AccessTokenSource | undefined): LiveStream {
  const open = liveStreams.find((entry) => entry.baseUrl === baseUrl && entry.tokens === tokens);
  if (open) return open.stream;
  const forget = () => {
    const index = liveStreams.findIndex((entry) => entry.stream === stream);
    if (index >= 0) liveStreams.splice(index, 1);
  };
  const stream = new LiveStream(baseUrl, tokens, forget);
  liveStreams.push({ baseUrl, tokens, stream });
  return stream;
}

async function readCodedError(response: Response): Promise<CodedError> {
  try {
    const body = (await response.json()) as Partial<CodedError>;
    if (body.code && body.code in ERROR_MESSAGES) return body as CodedError;
  } catch {
    // Not our JSON (a proxy's error page): fall through to a generic code.
  }
  if (response.status === 401) return codedError('AUTH_REQUIRED');
  return codedError(response.status === 426 ? 'PROTOCOL_OUTDATED' : 'SERVER_ERROR');
}
