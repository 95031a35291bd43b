/**
 * The calm parts of a scenario: before the faults, the orders every tablet
 * holds; after them, waiting (bounded) until every tablet holds exactly the
 * server's records.
 */
import type { FaultLab } from './fault-lab.js';
import { pause, trigger } from './fault-window.js';
import { ADVISOR, type ScenarioPlan } from './scenario-plan.js';
import { rightlyRefusedSignOffs, tabletDiffers, type RecordSet } from './sync-invariants.js';
import type { CreateOutcome, TabletSnapshot } from './tablet-messages.js';

/** The link's returns after the faults: soon after each other at first, for requests failing late. */
const SETTLE_BLIP_MS = [30, 70, 150];
const SETTLE_BLIP_EVERY_MS = 300;
/** The live stream brings new records within this; past it, the tablets are asked to pull. */
const RESYNC_AFTER_MS = 300;
const ARRIVAL_TIMEOUT_MS = 15_000;
const SETTLE_TIMEOUT_MS = 30_000;
const POLL_MS = 50;

/** Polls `check` until it holds or the deadline passes, calling `nudge` between rounds. */
async function waitUntil(
  timeoutMs: number,
  check: () => Promise<string[]>,
  nudge: (waitedMs: number) => Promise<unknown> = async () => {},
): Promise<string[]> {
  const start = Date.now();
  for (;;) {
    const problems = await check();
    if (problems.length === 0 || Date.now() > start + timeoutMs) return problems;
    await nudge(Date.now() - start);
    await pause(POLL_MS);
  }
}

/** The advisor opens the scenario's first orders, and every tablet gets them, before any fault. */
export async function openOrders(lab: FaultLab, plan: ScenarioPlan): Promise<string[]> {
  const advisor = lab.tablets[ADVISOR];
  if (!advisor) throw new Error('no advisor tablet');
  for (let index = 0; index < plan.setupOrders; index += 1) {
    const concern = `开单 s${plan.seed}-${index}`;
    const outcome = await advisor.send<CreateOutcome>({ kind: 'createOrder', concern });
    lab.ledger.recordWrite(outcome);
    if (outcome.record) lab.ledger.orders.push(outcome.record.id);
  }
  const ids = [...lab.ledger.orders];
  const held = async () => {
    const holding = await Promise.all(
      lab.tablets.map((tablet) =>
        tablet.send<boolean>({ kind: 'hasRecords', collection: 'repair_orders', ids }),
      ),
    );
    return lab.tablets.filter((_, index) => !holding[index]).map((tablet) => tablet.name);
  };
  // The live stream brings them; one the faults cut may still wait to reconnect: then the
  // browser's 'online' event makes the app pull.
  const resync = (waitedMs: number) =>
    waitedMs < RESYNC_AFTER_MS
      ? Promise.resolve()
      : Promise.all(lab.tablets.map((tablet) => tablet.send({ kind: 'setOnline', onLine: true })));
  const problems = await waitUntil(ARRIVAL_TIMEOUT_MS, held, resync);
  return problems.map((name) => `${name} did not receive the scenario's orders before the faults`);
}

/** Faults off, links and server up, the tablets back online; then wait for sync to settle. */
export async function settle(lab: FaultLab): Promise<{
  problems: string[];
  server: RecordSet;
  tablets: TabletSnapshot[];
  /** Sign-offs the server rightly refused (rightlyRefusedSignOffs). */
  excused: Set<string>;
}> {
  await Promise.all(lab.links.map((link) => link.heal()));
  if (lab.server.port === null) await lab.server.start();
  // The link comes back for an instant again and again until sync settles: each 'online' ends
  // a retry's wait (with navigator.onLine true, RxDB waits out its 5 s retry time instead)
  // and makes the app pull, so a stream the faults cut need not reconnect first.
  let settling = true;
  const settled = trigger();
  const flapping = Promise.all(
    lab.tablets.map(async (tablet) => {
      for (let blip = 0; settling; blip += 1) {
        await tablet.send({ kind: 'blip' });
        await Promise.race([pause(SETTLE_BLIP_MS[blip] ?? SETTLE_BLIP_EVERY_MS), settled.fired]);
      }
    }),
  );
  let server: RecordSet = {};
  let tablets: TabletSnapshot[] = [];
  let excused = new Set<string>();
  const problems = await waitUntil(SETTLE_TIMEOUT_MS, async () => {
    await Promise.all(
      lab.tablets.map((tablet) => tablet.send({ kind: 'awaitInSync' }, SETTLE_TIMEOUT_MS)),
    );
    server = await lab.serverRecords();
    tablets = await Promise.all(
      lab.tablets.map((tablet) => tablet.send<TabletSnapshot>({ kind: 'snapshot' })),
    );
    excused = rightlyRefusedSignOffs(server, tablets);
    return lab.tablets.flatMap((tablet, index) =>
      tabletDiffers(tablet.name, server, tablets[index] as TabletSnapshot, excused),
    );
  }).finally(() => {
    settling = false;
    settled.fire();
  });
  await flapping;
  await Promise.all(lab.tablets.map((tablet) => tablet.send({ kind: 'setOnline', onLine: true })));
  return { problems, server, tablets, excused };
}
