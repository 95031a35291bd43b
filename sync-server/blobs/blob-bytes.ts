import { createHash } from 'node:crypto';
import { BLOB_LIMITS } from '../../src/schema/index.js';

/** Checks on an uploaded blob's bytes: its hash, and that it is the image it claims to be. */
export type BlobType = (typeof BLOB_LIMITS.types)[number];

export const SHA256_PATTERN = '^[0-9a-f]{64}$';

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The media type named by a content-type header, without parameters; null if not one we take. */
export function blobTypeOf(contentType: string | undefined): BlobType | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return (BLOB_LIMITS.types as readonly string[]).includes(type ?? '') ? (type as BlobType) : null;
}

/**
 * The image type the bytes really are, from their signature. The server
 * serves blobs back with their content type, so it never stores bytes that
 * are not the image they claim to be (an HTML page sent as image/png).
 */
export function sniffBlobType(bytes: Buffer): BlobType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'image/jpeg';
  }
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'image/webp';
  }
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
