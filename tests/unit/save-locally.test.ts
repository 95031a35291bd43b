import { describe, expect, it } from 'vitest';
import { LocalSaveError, saveLocally } from '../../src/db/save-locally.js';

function quotaError(): Error {
  const error = new Error('The quota has been exceeded.');
  error.name = 'QuotaExceededError';
  return error;
}

describe('saving on the tablet', () => {
  it('passes the result of a successful write through', async () => {
    await expect(saveLocally(async () => 42)).resolves.toBe(42);
  });

  it('turns a full disk, however deeply RxDB wraps it, into the STORAGE_FULL message', async () => {
    const wrapped = new Error('bulkWrite failed', {
      cause: new Error('dexie', { cause: quotaError() }),
    });
    const failure = await saveLocally(() => Promise.reject(wrapped)).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(LocalSaveError);
    expect((failure as LocalSaveError).coded.code).toBe('STORAGE_FULL');
    expect((failure as LocalSaveError).coded.message['zh-CN']).toContain('存储空间已满');
    expect((failure as LocalSaveError).cause).toBe(wrapped);
  });

  it('names any other failed write so the screen can say it was not saved', async () => {
    const failure = await saveLocally(() => Promise.reject(new Error('boom'))).catch(
      (error: unknown) => error,
    );
    expect((failure as LocalSaveError).coded.code).toBe('LOCAL_SAVE_FAILED');
  });
});
