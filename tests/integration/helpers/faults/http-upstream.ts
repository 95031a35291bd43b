/**
 * Plain HTTP forwarding to the sync server on 127.0.0.1, for the fault
 * proxy: a request sent whole and its answer read whole, or a live stream
 * passed through as it comes. One connection per request (no keep-alive), so
 * a killed server shows as a refused connection at once.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const HOP_HEADERS = ['connection', 'keep-alive', 'transfer-encoding', 'host'];

export function withoutHopHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_HEADERS.includes(name)),
  );
}

export function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    stream.on('aborted', () => reject(new Error('aborted')));
  });
}

/** Sends the request; `onSent` runs once its body has gone, before the answer. */
export function sendUpstream(
  port: number,
  request: { method: string; path: string; headers: http.IncomingHttpHeaders; body: Buffer },
  onSent: () => void,
): Promise<Answer> {
  const { method, path, headers, body } = request;
  return new Promise<Answer>((resolve, reject) => {
    const upstream = http.request(
      { host: '127.0.0.1', port, method, path, headers: withoutHopHeaders(headers), agent: false },
      (answer) =>
        readBody(answer).then(
          (received) =>
            resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: received }),
          reject,
        ),
    );
    upstream.on('error', reject);
    upstream.end(body, onSent);
  });
}

/** Passes a live stream through; either side ending ends the other. */
export function relayUpstreamStream(
  port: number,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const upstream = http.request(
    {
      host: '127.0.0.1',
      port,
      method: 'GET',
      path: request.url,
      headers: withoutHopHeaders(request.headers),
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, withoutHopHeaders(answer.headers));
      response.flushHeaders();
      answer.on('data', (chunk: Buffer) => response.write(chunk));
      answer.on('end', () => response.destroy());
      answer.on('error', () => response.destroy());
    },
  );
  upstream.on('error', () => response.destroy());
  upstream.end();
  response.on('close', () => upstream.destroy());
}
