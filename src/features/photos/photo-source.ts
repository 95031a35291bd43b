/**
 * Where a photo's bytes come from for display: this tablet's blob store, or
 * the server for a photo another tablet took (then kept here, so it shows
 * offline too). Bytes that do not match their hash are never shown.
 */
import { useEffect, useState } from 'react';
import { API_BASE, PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../schema/index.js';
import { blobStore, type BlobStore } from '../../db/blob-store.js';

export async function loadPhotoBlob(
  sha256: string,
  { baseUrl = '', blobs = blobStore() }: { baseUrl?: string; blobs?: BlobStore } = {},
): Promise<Blob | null> {
  const local = await blobs.get(sha256);
  if (local) return local.blob;
  try {
    const response = await fetch(`${baseUrl}${API_BASE}/blobs/${sha256}`, {
      headers: { [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
    });
    if (!response.ok) return null;
    const kept = await blobs.putFromServer(await response.blob(), sha256);
    return kept?.blob ?? null;
  } catch {
    return null; // offline and not on this tablet: the thumbnail says so
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
