/**
 * Polls until `read` gives a value (not null): for state that arrives by
 * sync, such as a document reaching the server's database. Throws with
 * `what` when it has not come in time.
 */
export async function until<T>(
  read: () => T | null | Promise<T | null>,
  { timeoutMs = 20_000, what = 'condition' }: { timeoutMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what} not met in time`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
