/**
 * The HTTP side of blob upload: HEAD to ask whether the server holds a blob,
 * PUT to send it, both with the access token. In the browser the PUT goes
 * through XMLHttpRequest, whose upload progress events fetch does not have;
 * elsewhere (Node) through fetch.
 */
import {
  API_BASE,
  ERROR_MESSAGES,
  PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  codedError,
  type CodedError,
} from '../schema/index.js';
import type { StoredBlob } from '../db/blob-store.js';
import { SyncHttpError, withAccessToken, type AccessTokenSource } from './sync-http.js';

export type UploadProgressListener = (sent: number, total: number) => void;

export interface BlobTransport {
  has(sha256: string, signal: AbortSignal): Promise<boolean>;
  put(blob: StoredBlob, signal: AbortSignal, onProgress: UploadProgressListener): Promise<void>;
}

const PROTOCOL = { [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) };

type Authorization = Record<string, string>;

export function httpBlobTransport(baseUrl: string, tokens?: AccessTokenSource): BlobTransport {
  const url = (sha256: string) => `${baseUrl}${API_BASE}/blobs/${sha256}`;
  return {
    has(sha256, signal) {
      return withAccessToken(tokens, async (authorization) => {
        const response = await fetch(url(sha256), {
          method: 'HEAD',
          headers: { ...PROTOCOL, ...authorization },
          cache: 'no-store',
          signal,
        });
        if (response.status === 200) return true;
        if (response.status === 404) return false;
        throw new SyncHttpError(response.status, codedErrorFor(response.status, ''));
      });
    },
    put(blob, signal, onProgress) {
      const put = typeof XMLHttpRequest === 'undefined' ? putWithFetch : putWithXhr;
      return withAccessToken(tokens, (authorization) =>
        put(url(blob.sha256), blob, { signal, onProgress, authorization }),
      );
    },
  };
}

interface PutOptions {
  signal: AbortSignal;
  onProgress: UploadProgressListener;
  authorization: Authorization;
}

function putWithXhr(
  url: string,
  blob: StoredBlob,
  { signal, onProgress, authorization }: PutOptions,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    request.setRequestHeader('content-type', blob.mimeType);
    request.setRequestHeader(PROTOCOL_HEADER, String(SYNC_PROTOCOL_VERSION));
    for (const [name, value] of Object.entries(authorization)) {
      request.setRequestHeader(name, value);
    }
    request.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : blob.bytes);
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) resolve();
      else
        reject(
          new SyncHttpError(request.status, codedErrorFor(request.status, request.responseText)),
        );
    };
    request.onerror = () => reject(new SyncHttpError(0, codedError('SERVER_UNREACHABLE')));
    request.ontimeout = request.onerror;
    request.onabort = () => reject(new DOMException('upload stopped', 'AbortError'));
    signal.addEventListener('abort', () => request.abort(), { once: true });
    request.send(blob.blob);
  });
}

async function putWithFetch(
  url: string,
  blob: StoredBlob,
  { signal, onProgress, authorization }: PutOptions,
): Promise<void> {
  onProgress(0, blob.bytes);
  const response = await fetch(url, {
    method: 'PUT',
    headers: { ...PROTOCOL, ...authorization, 'content-type': blob.mimeType },
    body: blob.blob,
    signal,
  });
  if (!response.ok) {
    throw new SyncHttpError(response.status, codedErrorFor(response.status, await response.text()));
  }
  onProgress(blob.bytes, blob.bytes);
}

function codedErrorFor(status: number, body: string): CodedError {
  try {
    const parsed = JSON.parse(body) as Partial<CodedError>;
    if (parsed.code && parsed.code in ERROR_MESSAGES) return parsed as CodedError;
  } catch {
    // Not our JSON (a proxy's error page): fall through to a code by status.
  }
  if (status === 426) return codedError('PROTOCOL_OUTDATED');
  if (status === 401) return codedError('AUTH_REQUIRED');
  if (status === 0 || status === 502 || status === 503 || status === 504) {
    return codedError('SERVER_UNREACHABLE');
  }
  return codedError('SERVER_ERROR');
}
