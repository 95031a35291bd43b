/**
 * Identifiers made on the tablet, offline, without coordination: random ids
 * for documents, and human-readable order numbers (date + random suffix) that
 * an advisor can read out over the phone.
 */
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// No 0/O or 1/I: order numbers are read aloud and typed back.
const ORDER_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function randomString(length: number, alphabet: string): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => alphabet.charAt(byte % alphabet.length)).join('');
}

export function newDocumentId(): string {
  return randomString(22, ID_ALPHABET);
}

export function newOrderNumber(at: Date): string {
  const day = `${at.getFullYear()}${String(at.getMonth() + 1).padStart(2, '0')}${String(at.getDate()).padStart(2, '0')}`;
  return `RO-${day}-${randomString(5, ORDER_ALPHABET)}`;
}
