/**
 * Every local write goes through here, so a full disk or a failed IndexedDB
 * write becomes a named error the screen shows, never a silent loss.
 */
import { codedError, type CodedError } from '../schema/index.js';

export class LocalSaveError extends Error {
  constructor(
    readonly coded: CodedError,
    options?: { cause?: unknown },
  ) {
    super(coded.message.en, options);
  }
}

export async function saveLocally<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof LocalSaveError) throw error; // a save inside a save: named already
    throw new LocalSaveError(
      codedError(isQuotaError(error) ? 'STORAGE_FULL' : 'LOCAL_SAVE_FAILED'),
      {
        cause: error,
      },
    );
  }
}

function isQuotaError(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { name?: string }).name === 'QuotaExceededError') return true;
    if (String((current as { message?: string }).message).includes('QuotaExceeded')) return true;
  }
  return false;
}
