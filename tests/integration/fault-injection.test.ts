import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultTally } from './helpers/faults/fault-tally.js';
import { LabPool } from './helpers/faults/lab-pool.js';
import { describePlan, planScenario } from './helpers/faults/scenario-plan.js';
import { runScenario } from './helpers/faults/scenario-runner.js';

/**
 * Three tablets running the app's own sync code work on the same repair
 * orders while their links drop, delay, duplicate and reorder requests and
 * answers, the server is killed with SIGKILL mid-push, tablets restart
 * mid-request, and their clocks are off by up to a day. Once the faults stop
 * and sync settles, every tablet must hold exactly the server's records,
 * nothing made may be missing or doubled, every lost field edit must be kept
 * as a conflict entry, and no signature or sign-off may have changed.
 *
 * Each scenario comes from its seed alone. FAULT_SEED replays one (with
 * FAULT_SCENARIOS, that many from there); FAULT_LABS sets how many labs (a
 * server and three tablets each) run scenarios side by side.
 */
const FIRST_SEED = 1_000;
const explicitSeed = process.env.FAULT_SEED;
const scenarioCount = Number(process.env.FAULT_SCENARIOS ?? (explicitSeed ? 1 : 200));
const firstSeed = explicitSeed === undefined ? FIRST_SEED : Number(explicitSeed);
if (!Number.isSafeInteger(firstSeed) || !Number.isSafeInteger(scenarioCount) || scenarioCount < 1)
  throw new Error('FAULT_SEED and FAULT_SCENARIOS must be whole numbers (FAULT_SCENARIOS ≥ 1)');
const seeds = Array.from({ length: scenarioCount }, (_, index) => firstSeed + index);
const labCount = Math.max(1, Math.min(Number(process.env.FAULT_LABS ?? 2), seeds.length));
/** Scenarios that share a data directory and tablet databases before both start afresh. */
const GROUP_SIZE = 25;

function replayCommand(seed: number): string {
  return `FAULT_SEED=${seed} npx vitest run --project integration tests/integration/fault-injection.test.ts`;
}

describe('sync under injected faults', () => {
  let pool: LabPool;
  const totals = new FaultTally();
  const phaseTotals = { setupMs: 0, windowMs: 0, settleMs: 0 };
  let slowestSettleMs = 0;
  const started = Date.now();

  beforeAll(async () => {
    pool = await LabPool.start(labCount, GROUP_SIZE);
  }, 120_000);

  afterAll(async () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const mean = (ms: number) => Math.round(ms / Math.max(1, seeds.length));
    console.info(
      `fault injection: ${seeds.length} scenarios from seed ${firstSeed} on ${labCount} labs in ${seconds} s; mean setup ${mean(phaseTotals.setupMs)} ms, fault window ${mean(phaseTotals.windowMs)} ms, settle ${mean(phaseTotals.settleMs)} ms (slowest ${slowestSettleMs} ms); ${totals.summary()}`,
    );
    await pool?.close();
  }, 60_000);

  it.concurrent.for(seeds.map((seed) => ({ seed, plan: planScenario(seed) })))(
    'seed $seed: $plan.summary',
    { timeout: 120_000 },
    async ({ seed, plan }, { expect: expectHere }) => {
      const problems = await pool.use(async (lab) => {
        try {
          const outcome = await runScenario(lab, plan);
          totals.add(outcome.tally);
          slowestSettleMs = Math.max(slowestSettleMs, outcome.times.settleMs);
          for (const phase of ['setupMs', 'windowMs', 'settleMs'] as const)
            phaseTotals[phase] += outcome.times[phase];
          return { ok: outcome.problems.length === 0, value: outcome.problems };
        } catch (error) {
          const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
          return { ok: false, value: [text] };
        }
      });
      expectHere(problems, `${describePlan(plan)}\nReplay: ${replayCommand(seed)}`).toEqual([]);
    },
  );

  it.runIf(seeds.length >= 200)('the faults the suite claims really happened', () => {
    expect(totals.of('serverKilledMidPush')).toBeGreaterThanOrEqual(20);
    expect(totals.of('tabletRestartedMidRequest')).toBeGreaterThanOrEqual(20);
    for (const kind of [
      'requestDropped',
      'responseDropped',
      'delayed',
      'duplicated',
      'reordered',
      'serverUnreachable',
    ] as const)
      expect(totals.of(kind), kind).toBeGreaterThan(50);
    expect(totals.of('lostEditsTraced')).toBeGreaterThan(20);
  });
});
