/**
 * A fault scenario, all of it derived from one seed: the tablets' clock
 * skews, the fault mix on their links, whether and when the server is killed
 * and tablets restart, and what each tablet's user does meanwhile. The same
 * seed always gives the same plan (timing between processes still varies).
 */
import { seededRandom } from '../hostile-requests.js';
import type { FaultMix, Random } from './fault-mix.js';
import { EDIT_PATHS, type EditPath } from './tablet-messages.js';

export const DAY_MS = 86_400_000;

/** The three tablets of every scenario, by index: who is signed in on each. */
export const TABLET_USERS = [
  { name: 'lane-tablet', username: 'advisor1', role: 'advisor' },
  { name: 'office-tablet', username: 'foreman1', role: 'foreman' },
  { name: 'bay-tablet', username: 'tech1', role: 'technician' },
  // The service manager edits orders too: edits of one field from two tablets collide.
  { name: 'desk-tablet', username: 'manager1', role: 'manager' },
] as const;
export const ADVISOR = 0;
export const FOREMAN = 1;
export const TECHNICIAN = 2;

/** `order` indexes the scenario's orders: those made before the faults, then those made during. */
export type PlannedAction =
  | { kind: 'edit'; order: number; path: EditPath; value: string | number }
  | { kind: 'create'; concern: string }
  | { kind: 'sign'; order: number; signerName: string }
  | { kind: 'dispatch'; order: number; bay: string }
  | { kind: 'finding'; order: number; text: string }
  | { kind: 'selfCheck'; order: number };

export interface PlannedStep {
  action: PlannedAction;
  /** The user's pause before this step. */
  pauseMs: number;
}

export interface ScenarioPlan {
  seed: number;
  skewsMs: number[];
  faults: FaultMix;
  /** Orders the advisor makes, and every tablet holds, before the faults begin. */
  setupOrders: number;
  steps: PlannedStep[][];
  /** SIGKILL when the n-th push of the scenario has gone to the server, `afterMs` later. */
  kill: { afterPushes: number; afterMs: number; downMs: number } | null;
  /** A tablet restarts when its link has sent its n-th request of the scenario. */
  restarts: { tablet: number; afterRequests: number }[];
  /** How often a flaky link comes back for a moment (the browser's 'online'). */
  blipEveryMs: number;
  /** The random numbers the links draw their faults from. */
  linkRandom: (tablet: number) => Random;
  /** A line naming the scenario's faults, for the test's title. */
  summary: string;
}

const between = (random: Random, low: number, high: number) => low + random() * (high - low);
const integer = (random: Random, low: number, high: number) =>
  Math.floor(between(random, low, high + 1));
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

/** Mixes vary from a calm link to a hostile one; every kind of fault shows up across seeds. */
function faultMix(random: Random): FaultMix {
  const weight = pick(random, [0.3, 0.6, 1, 1]);
  return {
    dropRequest: between(random, 0, 0.2) * weight,
    dropResponse: between(random, 0, 0.2) * weight,
    delay: between(random, 0.1, 0.6),
    maxDelayMs: integer(random, 10, 120),
    duplicate: between(random, 0, 0.3) * weight,
    reorder: between(random, 0, 0.3) * weight,
    cutStream: between(random, 0, 0.4) * weight,
  };
}

function editValue(path: EditPath, tag: string, serial: number): string | number {
  if (path === 'odometerKm') return 10_000 + serial;
  if (path === 'operations') return `op-${tag}`;
  return `${path} ${tag} 改`;
}

function stepsFor(
  random: Random,
  tablet: number,
  counter: { orders: number },
  paths: readonly EditPath[],
  seed: number,
): PlannedStep[] {
  const steps: PlannedStep[] = [];
  const count = integer(random, 2, 5);
  for (let index = 0; index < count; index += 1) {
    const tag = `s${seed}-t${tablet}-${index}`;
    const order = integer(random, 0, counter.orders - 1);
    const roll = random();
    let action: PlannedAction;
    if (tablet === ADVISOR && roll < 0.15) {
      action = { kind: 'create', concern: `新单 ${tag}` };
      counter.orders += 1;
    } else if (tablet === ADVISOR && roll < 0.3) action = { kind: 'sign', order, signerName: tag };
    else if (tablet === FOREMAN && roll < 0.25) action = { kind: 'dispatch', order, bay: tag };
    else if (tablet === TECHNICIAN && roll < 0.15) action = { kind: 'finding', order, text: tag };
    else if (tablet === TECHNICIAN && roll < 0.3) action = { kind: 'selfCheck', order };
    // Only the lane edits an order (record-lifecycle.ts); the workshop edits its job.
    else if (tablet === FOREMAN) action = { kind: 'dispatch', order, bay: tag };
    else if (tablet === TECHNICIAN) action = { kind: 'finding', order, text: tag };
    else {
      const path = pick(random, paths);
      action = { kind: 'edit', order, path, value: editValue(path, tag, tablet * 100 + index) };
    }
    steps.push({ action, pauseMs: integer(random, 0, 40) });
  }
  return steps;
}

export function planScenario(seed: number): ScenarioPlan {
  const random = seededRandom(seed);
  const setupOrders = integer(random, 1, 2);
  // Few fields per scenario, so edits of the same field on different tablets collide.
  const paths = EDIT_PATHS.filter(() => random() < 0.4);
  const editPaths = paths.length > 0 ? paths : [pick(random, EDIT_PATHS)];
  const counter = { orders: setupOrders };
  const steps = TABLET_USERS.map((_, tablet) => stepsFor(random, tablet, counter, editPaths, seed));
  const kill =
    random() < 0.22
      ? {
          afterPushes: integer(random, 1, 3),
          afterMs: integer(random, 0, 2),
          downMs: integer(random, 0, 150),
        }
      : null;
  const restarts = TABLET_USERS.flatMap((_, tablet) =>
    random() < 0.15 ? [{ tablet, afterRequests: integer(random, 1, 6) }] : [],
  );
  const skewsMs = TABLET_USERS.map(() => Math.round(between(random, -DAY_MS, DAY_MS)));
  const hours = skewsMs.map((skew) => `${skew >= 0 ? '+' : ''}${(skew / 3_600_000).toFixed(1)}h`);
  const summary = [
    kill ? `server killed at push ${kill.afterPushes}` : 'no kill',
    ...restarts.map(({ tablet }) => `${TABLET_USERS[tablet]?.name} restarts`),
    `${steps.flat().length} actions`,
    `clocks ${hours.join(' ')}`,
  ].join(', ');
  return {
    seed,
    skewsMs,
    faults: faultMix(random),
    setupOrders,
    steps,
    kill,
    restarts,
    blipEveryMs: integer(random, 250, 600),
    linkRandom: (tablet) => seededRandom(seed * 31 + tablet + 1),
    summary,
  };
}

/** Everything the seed decided, for a failure report. */
export function describePlan(plan: ScenarioPlan): string {
  const steps = plan.steps.map(
    (steps, tablet) =>
      `${TABLET_USERS[tablet]?.name}: ${steps.map(({ action }) => JSON.stringify(action)).join(' ')}`,
  );
  return [
    `faults ${JSON.stringify(plan.faults)}`,
    `kill ${JSON.stringify(plan.kill)}, restarts ${JSON.stringify(plan.restarts)}, clock skews ${JSON.stringify(plan.skewsMs)} ms`,
    ...steps,
  ].join('\n');
}
