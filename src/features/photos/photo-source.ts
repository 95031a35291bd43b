/**
 * Where a photo's bytes come from for display: this tablet's blob store, or
 * the server for a photo another tablet took (then kept here, so it shows
 * offline too). Bytes that do not match their hash are never shown.
 */
import { useEffect, useState } from 'react';
import {
  API_BASE,
  PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  codedError,
} from '../../schema/index.js';
import { blobStore, type BlobStore } from '../../db/blob-store.js';
import {
  SyncHttpError,
  sharedAccessTokens,
  withAccessToken,
  type AccessTokenSource,
} from '../../sync/sync-http.js';

interface PhotoSourceOptions {
  baseUrl?: string;
  blobs?: BlobStore;
  /** Signs the download in; by default the running sync's token source. */
  tokens?: AccessTokenSource;
}

async function fetchFromServer(url: string, tokens: AccessTokenSource | undefined) {
  return withAccessToken(tokens, async (authorization) => {
    const response = await fetch(url, {
      headers: { [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION), ...authorization },
    });
    // Thrown so withAccessToken asks for a fresh token and tries once more.
    if (response.status === 401) throw new SyncHttpError(401, codedError('AUTH_REQUIRED'));
    return response;
  });
}

export async function loadPhotoBlob(
  sha256: string,
  { baseUrl = '', blobs = blobStore(), tokens = sharedAccessTokens() }: PhotoSourceOptions = {},
): Promise<Blob | null> {
  const local = await blobs.get(sha256);
  if (local) return local.blob;
  try {
    const response = await fetchFromServer(`${baseUrl}${API_BASE}/blobs/${sha256}`, tokens);
    if (!response.ok) return null;
    const kept = await blobs.putFromServer(await response.blob(), sha256);
    return kept?.blob ?? null;
  } catch {
    return null; // offline, not signed in, or not on this tablet: the thumbnail says so
  }
}

export type PhotoUrlState =
  | { state: 'loading'; url: null }
  | { state: 'ready'; url: string }
  | { state: 'missing'; url: null };

/** An object URL for the photo, revoked when the component unmounts or the photo changes. */
export function usePhotoUrl(sha256: string, baseUrl = ''): PhotoUrlState {
  const [loaded, setLoaded] = useState<{ sha256: string; url: string | null } | null>(null);
  useEffect(() => {
    let cancelled = false;
    let objectUrl: string | null = null;
    void loadPhotoBlob(sha256, { baseUrl }).then((blob) => {
      if (cancelled) return;
      objectUrl = blob ? URL.createObjectURL(blob) : null;
      setLoaded({ sha256, url: objectUrl });
    });
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [sha256, baseUrl]);
  if (loaded?.sha256 !== sha256) return { state: 'loading', url: null };
  return loaded.url ? { state: 'ready', url: loaded.url } : { state: 'missing', url: null };
}
