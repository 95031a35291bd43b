/** How often each fault happened, for the suite's closing summary and its minimums. */
export const FAULT_KINDS = [
  'requestDropped',
  'responseDropped',
  'delayed',
  'duplicated',
  'reordered',
  'streamCut',
  'serverUnreachable',
  'serverKilled',
  'serverKilledMidPush',
  'tabletRestarted',
  'tabletRestartedMidRequest',
  'conflictEntries',
  'lostEditsTraced',
  'rightlyRefusedSignOffs',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export class FaultTally {
  private readonly counts = new Map<FaultKind, number>();

  count(kind: FaultKind, by = 1): void {
    this.counts.set(kind, this.of(kind) + by);
  }

  of(kind: FaultKind): number {
    return this.counts.get(kind) ?? 0;
  }

  add(other: FaultTally): void {
    for (const kind of FAULT_KINDS) this.count(kind, other.of(kind));
  }

  summary(): string {
    return FAULT_KINDS.map((kind) => `${kind} ${this.of(kind)}`).join(', ');
  }
}
