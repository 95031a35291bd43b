/**
 * Counts the page's sync requests and the time spent waiting for their
 * answers (to the response headers), so a slow sync can be told apart: time
 * on the server and the wire, or time in the tablet between requests.
 */
import type { RequestTally } from '../bench-api.js';

export function tallySyncRequests(): { tally: RequestTally; stop: () => void } {
  const original = window.fetch;
  const tally: RequestTally = {
    push: { requests: 0, waitedMs: 0 },
    pull: { requests: 0, waitedMs: 0 },
  };
  window.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const kind = url.includes('/push') ? 'push' : url.includes('/pull') ? 'pull' : null;
    const start = performance.now();
    try {
      return await original(input, init);
    } finally {
      if (kind) {
        tally[kind].requests += 1;
        tally[kind].waitedMs += performance.now() - start;
      }
    }
  };
  return { tally, stop: () => (window.fetch = original) };
}
