/**
 * The only place the photos feature touches the database: a new photo is
 * reduced, its bytes stored in the blob store under their SHA-256 (uploaded
 * later by sync/blob-upload.ts) and its metadata saved as a photos document,
 * queued in the outbox. Plus the live queries the screens show.
 */
import { useRecords } from '../../components/use-records.js';
import { useMemo } from 'react';
import type { Photo, PHOTO_SUBJECTS } from '../../schema/index.js';
import { blobStore, type BlobStore } from '../../db/blob-store.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { insertRecords } from '../../db/record-writes.js';
import { saveLocally } from '../../db/save-locally.js';
import { reducePhoto, type ReducedPhoto } from './reduce-photo.js';

const COLLECTION = 'photos';

export interface PhotoAuthor {
  username: string;
  siteId: string;
}

export type PhotoSubject = (typeof PHOTO_SUBJECTS)[number];

/** What a photo shows: a damage mark, a checklist item, or the order in general. */
export interface PhotoTarget {
  orderId: string;
  subject: PhotoSubject;
  /** The damage mark id or checklist item key; '' for `other`. */
  subjectRef: string;
}

export interface AddPhotoOptions {
  /** How the file is made small; the canvas reduction unless a test passes another. */
  reduce?: (file: Blob) => Promise<ReducedPhoto>;
  blobs?: BlobStore;
  now?: number;
}

/**
 * Saves a photo on the tablet. Adding the same photo twice (same bytes after
 * reduction) returns the photo already stored: photos are append-only.
 * Throws PhotoReductionError for a file that is no image, LocalSaveError when
 * the tablet cannot store it.
 */
export async function addPhoto(
  database: LaneDatabase,
  author: PhotoAuthor,
  file: Blob,
  target: PhotoTarget,
  options: AddPhotoOptions = {},
): Promise<Photo> {
  const reduced = await (options.reduce ?? reducePhoto)(file);
  const blobs = options.blobs ?? blobStore();
  return saveLocally(async () => {
    const stored = await blobs.put(reduced.blob);
    const existing = await findPhoto(database, stored.sha256);
    if (existing) return existing;
    const now = options.now ?? Date.now();
    const photo: Photo = {
      id: stored.sha256,
      siteId: author.siteId,
      orderId: target.orderId,
      subject: target.subject,
      subjectRef: target.subjectRef,
      mimeType: reduced.mimeType,
      width: reduced.width,
      height: reduced.height,
      bytes: stored.bytes,
      createdAt: now,
      createdBy: author.username,
      updatedAt: now,
      updatedBy: author.username,
    };
    try {
      await insertRecords(database, COLLECTION, [photo]);
    } catch (error) {
      // The same photo added twice at once: the other insert won, and that is the photo.
      const raced = await findPhoto(database, stored.sha256);
      if (raced) return raced;
      throw error;
    }
    return photo;
  });
}

async function findPhoto(database: LaneDatabase, id: string): Promise<Photo | null> {
  const document = await database.records.photos.findOne(id).exec();
  return document ? database.records.photos.plain<Photo>(document) : null;
}

/** The order's photos, oldest first, live (a photo from another tablet appears on its own). */
export function usePhotos(
  database: LaneDatabase,
  orderId: string,
): { photos: Photo[]; loading: boolean } {
  const query = useMemo(() => ({ selector: { orderId } }), [orderId]);
  const { records, loading } = useRecords<Photo>(database.records.photos, query);
  const photos = useMemo(
    () => [...records].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)),
    [records],
  );
  return { photos, loading };
}
