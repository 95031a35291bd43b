import http from 'node:http';
import type { CodedError } from '../../../src/schema/index.js';

/**
 * JSON requests over node:http, which (unlike fetch) can send from another
 * loopback address: sign-in limits count per address, and 127.0.0.2 is a
 * second tablet on the same machine.
 */
export interface JsonAnswer<T = unknown> {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: T;
}

export function requestJson<T = unknown>(
  url: string,
  {
    method = 'GET',
    body,
    headers = {},
    from,
  }: { method?: string; body?: unknown; headers?: Record<string, string>; from?: string } = {},
): Promise<JsonAnswer<T>> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method,
      localAddress: from,
      headers: text === undefined ? headers : { 'content-type': 'application/json', ...headers },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      let received = '';
      response.on('data', (chunk: Buffer) => (received += chunk.toString()));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: (received === '' ? undefined : JSON.parse(received)) as T,
        }),
      );
    });
    request.end(text);
  });
}

/** The code of a refusal, for short assertions. */
export function codeOf(answer: JsonAnswer): string | undefined {
  return (answer.body as Partial<CodedError> | undefined)?.code;
}

/** A server clock the test moves by hand, for token lifetimes without waiting. */
export function movableClock(start = Date.now()) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}
