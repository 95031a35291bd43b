/**
 * The HTTP side of the sync protocol (src/schema/protocol.ts): pull, push and
 * the live stream of one collection, with server refusals turned into
 * CodedErrors the indicator can show in either language.
 */
import { Subject } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';
import {
  API_BASE,
  ERROR_MESSAGES,
  PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  codedError,
  type CodedError,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type SyncCheckpoint,
} from '../../schema/index.js';

export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly coded: CodedError,
  ) {
    super(`${status} ${coded.code}: ${coded.message.en}`);
  }
}

export class SyncClient {
  constructor(
    private readonly baseUrl: string,
    private readonly collection: string,
  ) {}

  private url(action: string): string {
    return `${this.baseUrl}${API_BASE}/sync/${this.collection}/${action}`;
  }

  async pull<T>(checkpoint: SyncCheckpoint | undefined, limit: number): Promise<PullResponse<T>> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (checkpoint) query.set('checkpoint', String(checkpoint.sequence));
    const response = await this.send(`${this.url('pull')}?${query}`, { method: 'GET' });
    return (await response.json()) as PullResponse<T>;
  }

  async push<T>(rows: PushRow<T>[]): Promise<PushResponse<T>> {
    const response = await this.send(this.url('push'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    });
    return (await response.json()) as PushResponse<T>;
  }

  /** Server-sent events; EventSource reconnects by itself and the server opens each connection with RESYNC. */
  openStream<T>(): {
    events: Subject<RxReplicationPullStreamItem<T, SyncCheckpoint>>;
    close: () => void;
  } {
    const events = new Subject<RxReplicationPullStreamItem<T, SyncCheckpoint>>();
    const source = new EventSource(`${this.url('stream')}?protocol=${SYNC_PROTOCOL_VERSION}`);
    source.onmessage = (message: MessageEvent<string>) => {
      const data = JSON.parse(message.data) as 'RESYNC' | PullResponse<T>;
      if (data === 'RESYNC') events.next('RESYNC');
      else if (data.checkpoint)
        events.next({ documents: data.documents, checkpoint: data.checkpoint });
    };
    return {
      events,
      close: () => {
        source.close();
        events.complete();
      },
    };
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      headers: { ...init.headers, [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
      cache: 'no-store',
    });
    if (response.ok) return response;
    throw new SyncHttpError(response.status, await readCodedError(response));
  }
}

async function readCodedError(response: Response): Promise<CodedError> {
  try {
    const body = (await response.json()) as Partial<CodedError>;
    if (body.code && body.code in ERROR_MESSAGES) return body as CodedError;
  } catch {
    // Not our JSON (a proxy's error page): fall through to a generic code.
  }
  return codedError(response.status === 426 ? 'PROTOCOL_OUTDATED' : 'SERVER_ERROR');
}
