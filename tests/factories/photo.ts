import { createHash } from 'node:crypto';
import type { Photo } from '../../src/schema/index.js';

/** A photo record of a damage mark, named by a SHA-256 as the app names them (the bytes are not here). */
let photoCounter = 0;

export function makePhoto(orderId: string, overrides: Partial<Photo> = {}): Photo {
  photoCounter += 1;
  const now = Date.now();
  return {
    id: createHash('sha256').update(`photo ${photoCounter} ${now}`).digest('hex'),
    siteId: 'demo-site',
    createdAt: now,
    createdBy: 'advisor1',
    updatedAt: now,
    updatedBy: 'advisor1',
    orderId,
    subject: 'damage',
    subjectRef: 'mark-front-left',
    mimeType: 'image/jpeg',
    width: 800,
    height: 600,
    bytes: 42_000,
    ...overrides,
  };
}
