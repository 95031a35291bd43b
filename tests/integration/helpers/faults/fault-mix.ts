/**
 * What a faulty link may do, and what it reports: the chances of each fault,
 * the requests the test may act on, and the journal of pushes it keeps.
 */
export type Random = () => number;

/** Chances per request (0–1) and the longest added delays. */
export interface FaultMix {
  dropRequest: number;
  dropResponse: number;
  delay: number;
  maxDelayMs: number;
  duplicate: number;
  reorder: number;
  /** Chance that a live stream is cut within maxDelayMs × 4 (of the faults starting, or of opening). */
  cutStream: number;
}

export const NO_FAULTS: FaultMix = {
  dropRequest: 0,
  dropResponse: 0,
  delay: 0,
  maxDelayMs: 0,
  duplicate: 0,
  reorder: 0,
  cutStream: 0,
};

/** A request on its way to the server, for the test to act in the middle of (a kill, a restart). */
export interface ForwardedRequest {
  method: string;
  path: string;
}

/** One push as it went through the link and what came back, for a failure's story. */
export interface PushJournalEntry {
  at: number;
  path: string;
  faults: string[];
  request: string;
  status?: number;
  answer?: string;
}
