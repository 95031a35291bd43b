/**
 * Where the server keeps content-addressed blobs (photos, signature images).
 * A small interface so an object store can stand in for the filesystem later;
 * every implementation must make `put` atomic: a blob is either whole or absent.
 */
export interface StoredBlobInfo {
  sha256: string;
  contentType: string;
  bytes: number;
}

export interface BlobStorage {
  has(sha256: string): Promise<boolean>;
  /** What is known about a held blob, without reading its bytes; null when not held. */
  stat(sha256: string): Promise<StoredBlobInfo | null>;
  /**
   * Stores verified bytes; `created` is false when the blob was already held: then only its
   * stored time is refreshed, so the orphan sweep counts from the latest upload.
   */
  put(sha256: string, bytes: Buffer, contentType: string): Promise<{ created: boolean }>;
  get(sha256: string): Promise<(StoredBlobInfo & { data: Buffer }) | null>;
  /** Every held blob with when it was last stored or uploaded again (ms), for the orphan sweep. */
  list(): AsyncIterable<{ sha256: string; storedAt: number }>;
  /** Deletes a blob; a blob not held is no error. */
  remove(sha256: string): Promise<void>;
  /** Deletes what interrupted writes left behind before `olderThan` (ms); returns how many. */
  removeStalePartials(olderThan: number): Promise<number>;
}
