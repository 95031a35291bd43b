/**
 * Blobs as files: `<root>/ab/cd/<sha256>` holds the bytes and
 * `<sha256>.json` beside it the content type. Each file is written to a
 * temporary name, flushed to disk and renamed into place, so a crash or a cut
 * upload never leaves a partial blob under its real name. The sidecar is
 * written first: a blob file never exists without its content type. A file's
 * mtime is when it was last uploaded, which the orphan sweep reads.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sniffBlobType } from './blob-bytes.js';
import type { BlobStorage, StoredBlobInfo } from './blob-storage.js';

interface Sidecar {
  contentType: string;
  bytes: number;
  storedAt: string;
}

export function createFilesystemBlobStorage(root: string): BlobStorage {
  const directoryOf = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256.slice(2, 4));
  const blobPath = (sha256: string) => path.join(directoryOf(sha256), sha256);
  const sidecarPath = (sha256: string) => `${blobPath(sha256)}.json`;

  async function has(sha256: string): Promise<boolean> {
    try {
      return (await fs.stat(blobPath(sha256))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async function readSidecar(sha256: string): Promise<Sidecar | null> {
    try {
      return JSON.parse(await fs.readFile(sidecarPath(sha256), 'utf8')) as Sidecar;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  return {
    has,

    async stat(sha256) {
      if (!(await has(sha256))) return null;
      const sidecar = await readSidecar(sha256);
      if (sidecar) return { sha256, contentType: sidecar.contentType, bytes: sidecar.bytes };
      // A blob copied in by hand: read its type from its bytes.
      const data = await fs.readFile(blobPath(sha256));
      return { sha256, contentType: contentTypeFromBytes(data), bytes: data.length };
    },

    async put(sha256, bytes, contentType) {
      if (await has(sha256)) {
        const now = new Date();
        await fs.utimes(blobPath(sha256), now, now);
        return { created: false };
      }
      const directory = directoryOf(sha256);
      await fs.mkdir(directory, { recursive: true });
      const sidecar: Sidecar = {
        contentType,
        bytes: bytes.length,
        storedAt: new Date().toISOString(),
      };
      await writeAtomically(sidecarPath(sha256), Buffer.from(JSON.stringify(sidecar)));
      await writeAtomically(blobPath(sha256), bytes);
      await syncDirectory(directory);
      return { created: true };
    },

    async get(sha256) {
      let data: Buffer;
      try {
        data = await fs.readFile(blobPath(sha256));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      const sidecar = await readSidecar(sha256);
      const info: StoredBlobInfo = {
        sha256,
        contentType: sidecar?.contentType ?? contentTypeFromBytes(data),
        bytes: data.length,
      };
      return { ...info, data };
    },

    async *list() {
      for (const file of await filesUnder(root)) {
        if (!BLOB_NAME.test(path.basename(file))) continue;
        const stats = await statIfPresent(file);
        if (stats) yield { sha256: path.basename(file), storedAt: stats.mtimeMs };
      }
    },

    async remove(sha256) {
      // The blob before its sidecar: a blob file never exists without its content type.
      await fs.rm(blobPath(sha256), { force: true });
      await fs.rm(sidecarPath(sha256), { force: true });
    },

    async removeStalePartials(olderThan) {
      let removed = 0;
      for (const file of await filesUnder(root)) {
        if (!file.endsWith('.partial')) continue;
        const stats = await statIfPresent(file);
        // A younger one may belong to an upload still being written.
        if (!stats || stats.mtimeMs >= olderThan) continue;
        await fs.rm(file, { force: true });
        removed += 1;
      }
      return removed;
    },
  };
}

const BLOB_NAME = /^[0-9a-f]{64}$/;

async function filesUnder(root: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

/** Null when the file went away meanwhile (an upload's rename, another sweep). */
async function statIfPresent(file: string) {
  try {
    return await fs.stat(file);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/**
 * Same-directory temp file, fsync, rename: readers see the old state or the
 * whole new file. Flushed because the tablet stops offering a blob once the
 * server has confirmed it, so a confirmed blob must survive a power cut.
 */
async function writeAtomically(target: string, data: Buffer): Promise<void> {
  const temporary = `${target}.${randomUUID()}.partial`;
  try {
    const handle = await fs.open(temporary, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await fs.open(directory, 'r');
  try {
    await handle.sync();
  } catch {
    // Some filesystems cannot fsync a directory; the rename is still atomic.
  } finally {
    await handle.close();
  }
}

function contentTypeFromBytes(data: Buffer): string {
  return sniffBlobType(data) ?? 'application/octet-stream';
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}
