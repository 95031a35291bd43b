/**
 * The workshop's view of its orders, computed from records and the clock
 * alone (no database, no React): each order's stage, rework count, promised
 * time and lateness, the board's columns and a person's own jobs.
 */
import {
  currentRound,
  jobStage,
  nextSignOffLevel,
  qcHistory,
  SIGN_OFF_LEVELS,
  type AddedWork,
  type Job,
  type JobStage,
  type RepairOrder,
  type ReworkRecord,
  type Role,
  type SignOff,
  type SignOffLevel,
} from '../../schema/index.js';

export const BOARD_STAGES: readonly JobStage[] = [
  'waiting-dispatch',
  'in-bay',
  'waiting-checks',
  'rework',
  'ready',
];

/** DOMAIN.md step 5: the work is done 10 minutes before the promised delivery time. */
export const DONE_BEFORE_PROMISE_MS = 10 * 60 * 1000;

export type Lateness = 'on-time' | 'due-soon' | 'late';

export interface WorkshopCard {
  order: RepairOrder;
  job: Job | null;
  stage: JobStage;
  /** The check the job waits for; null once final QC has passed. */
  nextLevel: SignOffLevel | null;
  /** Who signed the self-check of the current round, if anyone. */
  selfCheckedBy: string | undefined;
  reworkCount: number;
  /** Added work the customer has not decided on yet. */
  pendingAddedWork: number;
  promisedAt: number | undefined;
  lateness: Lateness;
}

export interface WorkshopRecords {
  orders: readonly RepairOrder[];
  jobs: readonly Job[];
  signOffs: readonly SignOff[];
  reworks: readonly ReworkRecord[];
  addedWork: readonly AddedWork[];
}

/** A time the customer agreed to with added work replaces the order's promise. */
export function promisedTime(
  order: Pick<RepairOrder, 'promisedDeliveryAt'>,
  addedWork: readonly Pick<AddedWork, 'status' | 'promisedDeliveryAt'>[],
): number | undefined {
  const agreed = addedWork
    .filter((work) => ['approved', 'started', 'done'].includes(work.status))
    .map((work) => work.promisedDeliveryAt)
    .filter((at) => at > 0);
  if (agreed.length > 0) return Math.max(...agreed);
  return order.promisedDeliveryAt || undefined;
}

export function lateness(promisedAt: number | undefined, stage: JobStage, now: number): Lateness {
  if (promisedAt === undefined || stage === 'ready') return 'on-time';
  if (now >= promisedAt) return 'late';
  return now >= promisedAt - DONE_BEFORE_PROMISE_MS ? 'due-soon' : 'on-time';
}

function groupByOrder<T extends { orderId: string }>(records: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const group = groups.get(record.orderId);
    if (group) group.push(record);
    else groups.set(record.orderId, [record]);
  }
  return groups;
}

export function workshopCard(
  order: RepairOrder,
  records: {
    job: Job | null;
    signOffs: SignOff[];
    reworks: ReworkRecord[];
    addedWork: AddedWork[];
  },
  now: number,
): WorkshopCard {
  const { job, signOffs, addedWork } = records;
  // Reopenings count like failed checks; refused and pending sign-offs as the server stamped them.
  const history = qcHistory(signOffs, records.reworks);
  const stage = jobStage(job, history);
  const round = currentRound(history);
  const promisedAt = promisedTime(order, addedWork);
  return {
    order,
    job,
    stage,
    nextLevel: nextSignOffLevel(history),
    selfCheckedBy: signOffs.find(
      (entry) => entry.round === round && entry.level === 'self' && entry.serverCheck !== 'refused',
    )?.createdBy,
    reworkCount: records.reworks.length,
    pendingAddedWork: addedWork.filter((work) => ['requested', 'priced'].includes(work.status))
      .length,
    promisedAt,
    lateness: lateness(promisedAt, stage, now),
  };
}

export function workshopCards(records: WorkshopRecords, now: number): WorkshopCard[] {
  const jobs = new Map(records.jobs.map((job) => [job.orderId, job]));
  const signOffs = groupByOrder(records.signOffs);
  const reworks = groupByOrder(records.reworks);
  const addedWork = groupByOrder(records.addedWork);
  return records.orders.map((order) =>
    workshopCard(
      order,
      {
        job: jobs.get(order.id) ?? null,
        signOffs: signOffs.get(order.id) ?? [],
        reworks: reworks.get(order.id) ?? [],
        addedWork: addedWork.get(order.id) ?? [],
      },
      now,
    ),
  );
}

/** Rework cars first (DOMAIN.md step 4), then the earliest promise; no promise last. */
export function compareCards(a: WorkshopCard, b: WorkshopCard): number {
  const rework = Number(b.reworkCount > 0) - Number(a.reworkCount > 0);
  if (rework !== 0) return rework;
  const promise = (a.promisedAt ?? Infinity) - (b.promisedAt ?? Infinity);
  if (promise !== 0 && !Number.isNaN(promise)) return promise;
  return a.order.createdAt - b.order.createdAt;
}

export function boardColumns(cards: readonly WorkshopCard[]): Record<JobStage, WorkshopCard[]> {
  const columns = Object.fromEntries(BOARD_STAGES.map((stage) => [stage, []])) as unknown as Record<
    JobStage,
    WorkshopCard[]
  >;
  for (const card of cards) columns[card.stage].push(card);
  for (const stage of BOARD_STAGES) columns[stage].sort(compareCards);
  return columns;
}

export interface MyJobs {
  /** Jobs dispatched to me that are not ready yet. */
  mine: WorkshopCard[];
  /** Team leader: jobs waiting for a peer check that I did not self-check. */
  peerChecks: WorkshopCard[];
  /** Foreman: jobs waiting for the final check. */
  finalChecks: WorkshopCard[];
}

export function myJobs(cards: readonly WorkshopCard[], username: string, role: Role): MyJobs {
  const sorted = [...cards].sort(compareCards);
  const waitingFor = (level: SignOffLevel) =>
    sorted.filter((card) => card.stage === 'waiting-checks' && card.nextLevel === level);
  return {
    mine: sorted.filter((card) => card.job?.technician === username && card.stage !== 'ready'),
    peerChecks:
      role === 'team-leader'
        ? waitingFor('peer').filter((card) => card.selfCheckedBy !== username)
        : [],
    finalChecks: role === 'foreman' ? waitingFor('final') : [],
  };
}

/** Sign-offs in the order they were given: by round, then level. */
export function sortSignOffs(signOffs: SignOff[]): SignOff[] {
  return signOffs.sort(
    (a, b) =>
      a.round - b.round ||
      SIGN_OFF_LEVELS.indexOf(a.level) - SIGN_OFF_LEVELS.indexOf(b.level) ||
      a.signedAt - b.signedAt,
  );
}
