/**
 * The only place the signatures feature touches the database: append-only
 * signature records (image in the blob store, record queued in the outbox)
 * and the live queries the signature panel shows.
 */
import { useRecords } from '../../components/use-records.js';
import { useEffect, useMemo, useState } from 'react';
import {
  newDocumentId,
  signatureValidity,
  type Signature,
  type SignaturePurpose,
  type SignatureValidity,
} from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { blobStore } from '../../db/blob-store.js';
import { isPending$ } from '../../db/outbox.js';
import { insertRecords } from '../../db/record-writes.js';
import { saveLocally } from '../../db/save-locally.js';
import { signerFor, signWith } from '../session/index.js';
import { fitStrokesToLimits } from './strokes.js';
import { latestSignature } from './signature-rules.js';

const COLLECTION = 'signatures';
const SIGNER_NAME_MAX = 100;

export interface SignatureAuthor {
  username: string;
  siteId: string;
}

/** Where the signature image goes: content-addressed, so storing it twice is harmless. */
export interface SignatureImageStore {
  put(blob: Blob): Promise<{ sha256: string }>;
}

export interface SignCheckInInput {
  orderId: string;
  signerName: string;
  /** Normalised 0–1 strokes, x0, y0, x1, y1, … each; fitted to SIGNATURE_LIMITS here. */
  strokes: readonly (readonly number[])[];
  png: Blob;
  /** `checkInContentHash` of what the customer saw when signing. */
  contentHash: string;
  /** The id of the signature this one replaces, or '' for the first. */
  supersedes: string;
  /** What is signed: the repair order at check-in unless given (e.g. 'added-work'). */
  purpose?: SignaturePurpose;
  /** The signed record's id for a purpose other than the order itself (the added work's id). */
  subjectRef?: string;
}

export async function signCheckIn(
  database: LaneDatabase,
  author: SignatureAuthor,
  input: SignCheckInInput,
  images: SignatureImageStore = blobStore(),
  now = Date.now(),
): Promise<Signature> {
  const strokes = fitStrokesToLimits(input.strokes);
  if (strokes.length === 0) throw new Error('A signature needs at least one stroke');
  // The advisor countersigns with their own key: a locked key refuses before anything is stored.
  const signer = signerFor(author);
  return saveLocally(async () => {
    const { sha256: imageId } = await images.put(input.png);
    const signature: Signature = await signWith(signer, COLLECTION, {
      id: newDocumentId(),
      siteId: author.siteId,
      createdAt: now,
      createdBy: author.username,
      updatedAt: now,
      updatedBy: author.username,
      orderId: input.orderId,
      purpose: input.purpose ?? 'check-in',
      subjectRef: input.subjectRef ?? '',
      signerName: input.signerName.trim().slice(0, SIGNER_NAME_MAX),
      strokes,
      imageId,
      contentHash: input.contentHash,
      signedAt: now,
      supersedes: input.supersedes,
    });
    await insertRecords(database, COLLECTION, [signature]);
    return signature;
  });
}

export function useSignatures(
  database: LaneDatabase,
  orderId: string,
  purpose: SignaturePurpose,
): { signatures: Signature[]; loading: boolean } {
  // Only orderId is indexed; the few signatures of an order are filtered and sorted here.
  const query = useMemo(() => ({ selector: { orderId } }), [orderId]);
  const { records, loading } = useRecords<Signature>(database.records.signatures, query);
  const signatures = useMemo(
    () =>
      records
        .filter((signature) => signature.purpose === purpose)
        .sort((a, b) => a.signedAt - b.signedAt),
    [records, purpose],
  );
  return { signatures, loading };
}

export function useLatestSignature(
  database: LaneDatabase,
  orderId: string,
  purpose: SignaturePurpose,
): { signature: Signature | null; loading: boolean } {
  const { signatures, loading } = useSignatures(database, orderId, purpose);
  const signature = useMemo(() => latestSignature(signatures), [signatures]);
  return { signature, loading };
}

/** False while the outbox still holds the record: the server has not confirmed it yet. */
export function useOnServer(database: LaneDatabase, signatureId: string | undefined): boolean {
  const [outbox, setOutbox] = useState<{ id: string; pending: boolean } | null>(null);
  useEffect(() => {
    if (!signatureId) return;
    const subscription = isPending$(database, COLLECTION, signatureId).subscribe((pending) =>
      setOutbox({ id: signatureId, pending }),
    );
    return () => subscription.unsubscribe();
  }, [database, signatureId]);
  return signatureId !== undefined && outbox?.id === signatureId && !outbox.pending;
}

export interface SignatureStatus {
  signature: Signature | null;
  validity: SignatureValidity;
  onServer: boolean;
  loading: boolean;
}

/** The order's check-in signature and whether it still holds for `contentHash`. */
export function useCheckInSignatureStatus(
  database: LaneDatabase,
  orderId: string,
  contentHash: string,
): SignatureStatus {
  const { signature, loading } = useLatestSignature(database, orderId, 'check-in');
  const onServer = useOnServer(database, signature?.id);
  return { signature, validity: signatureValidity(signature, contentHash), onServer, loading };
}

/** For the "send to workshop" rule: no car enters the workshop without a valid signature. */
export function useCheckInSignatureValid(
  database: LaneDatabase,
  orderId: string,
  contentHash: string,
): boolean {
  return useCheckInSignatureStatus(database, orderId, contentHash).validity === 'valid';
}

/** An object URL for a stored blob (signature image), or null when this tablet does not hold it. */
export function useBlobUrl(sha256: string | undefined): string | null {
  const [url, setUrl] = useState<{ sha256: string; url: string } | null>(null);
  useEffect(() => {
    if (!sha256) return;
    let objectUrl: string | null = null;
    let cancelled = false;
    void blobStore()
      .get(sha256)
      .then((stored) => {
        if (cancelled || !stored) return;
        objectUrl = URL.createObjectURL(stored.blob);
        setUrl({ sha256, url: objectUrl });
      });
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [sha256]);
  return url && url.sha256 === sha256 ? url.url : null;
}
