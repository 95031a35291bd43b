/**
 * One scenario from start to verdict: orders every tablet holds, the fault
 * window, then the faults stop and sync settles, and the checks. Returns
 * what broke (empty when all held) and the faults that happened.
 */
import type { FaultLab } from './fault-lab.js';
import { FaultTally } from './fault-tally.js';
import { runFaultWindow } from './fault-window.js';
import { openOrders, settle } from './scenario-phases.js';
import { pushStory } from './push-story.js';
import type { SyncEvent } from './sync-journal.js';
import type { ScenarioPlan } from './scenario-plan.js';
import {
  alteredSignedRecords,
  countLostEdits,
  lostWithoutTrace,
  missingOrDuplicated,
} from './sync-invariants.js';

/** How long each part of the scenario took, for the suite's timing summary. */
export interface PhaseTimes {
  setupMs: number;
  windowMs: number;
  settleMs: number;
}

export interface ScenarioOutcome {
  problems: string[];
  tally: FaultTally;
  times: PhaseTimes;
}

export async function runScenario(lab: FaultLab, plan: ScenarioPlan): Promise<ScenarioOutcome> {
  const tally = new FaultTally();
  lab.ledger.startScenario();
  const unhandledBefore = lab.tablets.map((tablet) => tablet.unhandled.length);
  await Promise.all(
    lab.tablets.map((tablet, index) =>
      tablet.send({ kind: 'setClockSkew', skewMs: plan.skewsMs[index] ?? 0 }),
    ),
  );
  const started = Date.now();
  const notOpened = await openOrders(lab, plan);
  const opened = Date.now();
  const times = () => ({ setupMs: opened - started, windowMs: settleStart - opened, settleMs });
  let settleStart = opened;
  let settleMs = 0;
  if (notOpened.length > 0) return { problems: notOpened, tally, times: times() };

  for (const link of lab.links) {
    link.tally = new FaultTally();
    link.journal = [];
  }
  await runFaultWindow(lab, plan, tally);
  settleStart = Date.now();
  const settled = await settle(lab);
  settleMs = Date.now() - settleStart;
  for (const link of lab.links) tally.add(link.tally);

  const { server } = settled;
  tally.count('rightlyRefusedSignOffs', settled.excused.size);
  const edits = lab.ledger.edits;
  tally.count('lostEditsTraced', countLostEdits(server, edits));
  const scenarioOrders = new Set(lab.ledger.orders);
  for (const order of server.repair_orders ?? [])
    if (scenarioOrders.has(order.id))
      tally.count('conflictEntries', (order.conflicts as unknown[]).length);
  const problems = [
    ...settled.problems,
    ...missingOrDuplicated(server, lab.ledger, settled.excused),
    ...lostWithoutTrace(server, edits),
    ...alteredSignedRecords(server, lab.ledger),
    ...(await missingImages(lab)),
    ...lab.tablets.flatMap((tablet, index) =>
      tablet.unhandled
        .slice(unhandledBefore[index])
        .map((error) => `${tablet.name} raised an error no one handled: ${error}`),
    ),
  ];
  return { problems: await withStories(lab, problems), tally, times: times() };
}

/** Every signature image of the scenario reached the server by its own upload. */
async function missingImages(lab: FaultLab): Promise<string[]> {
  const held = await Promise.all(lab.ledger.signatureImages.map((sha) => lab.serverHasBlob(sha)));
  return lab.ledger.signatureImages
    .filter((_, index) => !held[index])
    .map((sha) => `the signature image ${sha} never reached the server`);
}

/**
 * Puts the push story and each tablet's sync events of each record a problem
 * names (at most three) before the problems, so the problems themselves are
 * the last lines of a failure (what a CI log's tail shows).
 */
async function withStories(lab: FaultLab, problems: string[]): Promise<string[]> {
  if (problems.length === 0) return problems;
  const text = problems.join('\n');
  const ids = [...lab.ledger.written.values()].flatMap((byId) => [...byId.keys()]);
  const named = [...new Set(ids)].filter((id) => text.includes(id)).slice(0, 3);
  const links = lab.links.map((link, index) => ({
    tablet: lab.tablets[index]?.name ?? `link ${index}`,
    journal: link.journal,
  }));
  const stories: string[] = [];
  for (const id of named) {
    const events = await Promise.all(
      lab.tablets.map(async (tablet) =>
        (await tablet.send<SyncEvent[]>({ kind: 'journal', id })).map((event) => ({
          ...event,
          tablet: tablet.name,
        })),
      ),
    );
    const tabletLines = events
      .flat()
      .sort((a, b) => a.at - b.at)
      .map(
        (event) =>
          `${event.at % 100_000} ${event.tablet} ${event.kind} ${stampsOf(event.state)} ${event.state.slice(0, 300)}`,
      );
    stories.push(
      [`pushes of ${id}:`, ...pushStory(links, id), `sync events:`, ...tabletLines].join('\n  '),
    );
  }
  return [...stories, 'the problems:', ...problems];
}

/** The fields a sync story turns on, read first: who wrote which version, and the server's stamp. */
function stampsOf(state: string): string {
  try {
    const record = JSON.parse(state) as Record<string, unknown>;
    const keys = ['updatedAt', 'updatedBy', 'serverCheck', 'serverCheckCode', 'jobRevision'];
    const stamps = keys
      .filter((key) => key in record)
      .map((key) => `${key}=${String(record[key])}`);
    if (record._deleted === true) stamps.push('deleted');
    return `[${stamps.join(' ')}]`;
  } catch {
    return '[?]';
  }
}
