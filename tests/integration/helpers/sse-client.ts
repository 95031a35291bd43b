import { Observable } from 'rxjs';

/**
 * A minimal server-sent-events client over fetch's streaming body, for Node
 * tests: parses `data:` lines into JSON events and skips `:` comments.
 */
export interface EventStreamClient {
  /** Every event received so far, in order. */
  events: unknown[];
  /** Resolves with the first event (past or future) that matches. */
  waitFor<T>(matches: (event: unknown) => event is T, timeoutMs?: number): Promise<T>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function parseEventBlock(block: string): unknown {
  const data = block
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trimStart());
  return data.length === 0 ? undefined : JSON.parse(data.join('\n'));
}

export async function openEventStream(
  url: string,
  onEvent: (event: unknown) => void = () => {},
): Promise<EventStreamClient> {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal });
  if (response.status !== 200 || !response.body) {
    throw new Error(`stream: ${response.status} ${await response.text()}`);
  }
  const events: unknown[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = '';
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += chunk.value;
        let boundary = buffer.indexOf('\n\n');
        while (boundary >= 0) {
          const event = parseEventBlock(buffer.slice(0, boundary));
          buffer = buffer.slice(boundary + 2);
          boundary = buffer.indexOf('\n\n');
          if (event === undefined) continue;
          events.push(event);
          onEvent(event);
          for (const wake of waiters) wake();
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  })();

  return {
    events,
    ended,
    close: () => abort.abort(),
    waitFor<T>(matches: (event: unknown) => event is T, timeoutMs = 5_000) {
      return new Promise<T>((resolve, reject) => {
        const check = () => {
          const found = events.find(matches);
          if (found === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event in ${timeoutMs} ms: ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/**
 * The stream as an Observable, the shape RxDB's pull.stream$ takes. `url` is
 * asked for on subscribing: a stream ticket works once, so each opening needs its own.
 */
export function eventStream$(url: () => Promise<string>): Observable<unknown> {
  return new Observable((subscriber) => {
    let client: EventStreamClient | undefined;
    let unsubscribed = false;
    url()
      .then((address) => openEventStream(address, (event) => subscriber.next(event)))
      .then(
        (opened) => {
          client = opened;
          if (unsubscribed) opened.close();
        },
        (error: unknown) => subscriber.error(error),
      );
    return () => {
      unsubscribed = true;
      client?.close();
    };
  });
}
