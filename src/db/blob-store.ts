/**
 * Content-addressed binary data on the tablet (photos, signature images):
 * a Dexie table keyed by SHA-256, kept until the server confirms it has the
 * blob. The JSON sync cannot carry binaries, so blobs travel by
 * their own upload (PUT /api/v1/blobs/{sha256}).
 */
import Dexie, { liveQuery, type Table } from 'dexie';
import { from, type Observable } from 'rxjs';
import { sha256Hex } from '../schema/index.js';

export interface StoredBlob {
  sha256: string;
  blob: Blob;
  mimeType: string;
  bytes: number;
  createdAt: number;
  /** When the server confirmed it holds the blob; 0 while it does not. */
  uploadedAt: number;
}

class BlobDatabase extends Dexie {
  blobs!: Table<StoredBlob, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ blobs: 'sha256, uploadedAt' });
  }
}

export class BlobStore {
  private readonly database: BlobDatabase;

  constructor(name = 'service-lane-blobs') {
    this.database = new BlobDatabase(name);
  }

  /** Stores the bytes under their hash; storing the same bytes twice is a no-op. */
  async put(blob: Blob): Promise<StoredBlob> {
    const sha256 = await sha256Hex(new Uint8Array(await blob.arrayBuffer()));
    const existing = await this.database.blobs.get(sha256);
    if (existing) return existing;
    const stored: StoredBlob = {
      sha256,
      blob,
      mimeType: blob.type,
      bytes: blob.size,
      createdAt: Date.now(),
      uploadedAt: 0,
    };
    await this.database.blobs.put(stored);
    return stored;
  }

  /**
   * Keeps bytes fetched from the server (a photo another tablet took), so they
   * show offline later. Stored as uploaded: the server has them. Bytes that do
   * not match the expected hash are refused (null), never stored.
   */
  async putFromServer(blob: Blob, expectedSha256: string): Promise<StoredBlob | null> {
    const sha256 = await sha256Hex(new Uint8Array(await blob.arrayBuffer()));
    if (sha256 !== expectedSha256) return null;
    const existing = await this.database.blobs.get(sha256);
    if (existing) return existing;
    const now = Date.now();
    const stored: StoredBlob = {
      sha256,
      blob,
      mimeType: blob.type,
      bytes: blob.size,
      createdAt: now,
      uploadedAt: now,
    };
    await this.database.blobs.put(stored);
    return stored;
  }

  get(sha256: string): Promise<StoredBlob | undefined> {
    return this.database.blobs.get(sha256);
  }

  /** Blobs the server does not have yet, oldest first. */
  async notUploaded(): Promise<StoredBlob[]> {
    return this.database.blobs.where('uploadedAt').equals(0).sortBy('createdAt');
  }

  async markUploaded(sha256: string): Promise<void> {
    await this.database.blobs.update(sha256, { uploadedAt: Date.now() });
  }

  /** Live count of blobs the server does not have yet; emits again on every change. */
  notUploadedCount$(): Observable<number> {
    return from(liveQuery(() => this.database.blobs.where('uploadedAt').equals(0).count()));
  }

  /** Live: whether the server has confirmed this blob (false while not, or not held here). */
  uploaded$(sha256: string): Observable<boolean> {
    return from(
      liveQuery(async () => ((await this.database.blobs.get(sha256))?.uploadedAt ?? 0) > 0),
    );
  }

  close(): void {
    this.database.close();
  }
}

let shared: BlobStore | null = null;

/** The app's one blob store. */
export function blobStore(): BlobStore {
  shared ??= new BlobStore();
  return shared;
}
