/**
 * The faulty part of a scenario: the links turn hostile and flap, the users
 * work on their tablets, the server is killed in the middle of a push and
 * tablets restart in the middle of a request, as the plan says.
 */
import type { FaultLab } from './fault-lab.js';
import type { FaultTally } from './fault-tally.js';
import { perform } from './scenario-actions.js';
import type { ScenarioPlan } from './scenario-plan.js';

/** A user's think time or a fault's length; never a wait for a result. */
export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A one-time signal: an event the plan ties to the traffic, or the end of flapping. */
export function trigger(): { fire: () => void; fired: Promise<void> } {
  let fire = () => {};
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fire, fired };
}

export async function runFaultWindow(
  lab: FaultLab,
  plan: ScenarioPlan,
  tally: FaultTally,
): Promise<void> {
  const { tablets, links, server } = lab;
  const killTrigger = trigger();
  const killed = plan.kill
    ? killTrigger.fired.then(async () => {
        const { afterMs, downMs } = plan.kill ?? { afterMs: 0, downMs: 0 };
        await pause(afterMs);
        tally.count('serverKilled');
        if (links.some((link) => link.pushesInFlight > 0)) tally.count('serverKilledMidPush');
        await server.kill();
        await pause(downMs);
        await server.start();
      })
    : Promise.resolve();

  const restarts = plan.restarts.map(({ tablet, afterRequests }) => {
    const restartTrigger = trigger();
    const done = restartTrigger.fired.then(async () => {
      const handle = tablets[tablet];
      if (!handle) return;
      tally.count('tabletRestarted');
      if ((links[tablet]?.requestsInFlight ?? 0) > 0) tally.count('tabletRestartedMidRequest');
      await handle.send({ kind: 'restart' });
    });
    return { tablet, afterRequests, fire: restartTrigger.fire, done };
  });

  let pushes = 0;
  links.forEach((link, index) => {
    let forwarded = 0;
    link.onForward = ({ method, path }) => {
      forwarded += 1;
      if (method === 'POST' && path.endsWith('/push')) pushes += 1;
      if (plan.kill && pushes >= plan.kill.afterPushes) killTrigger.fire();
      for (const restart of restarts)
        if (restart.tablet === index && forwarded >= restart.afterRequests) restart.fire();
    };
  });

  links.forEach((link, index) => link.setFaults(plan.faults, plan.linkRandom(index)));
  await Promise.all(tablets.map((tablet) => tablet.send({ kind: 'setOnline', onLine: false })));
  let open = true;
  const closing = trigger();
  const flapping = tablets.map(async (tablet) => {
    while (open) {
      await Promise.race([pause(plan.blipEveryMs), closing.fired]);
      if (open) await tablet.send({ kind: 'blip' });
    }
  });
  const working = tablets.map(async (tablet, index) => {
    for (const step of plan.steps[index] ?? []) {
      await pause(step.pauseMs);
      await perform(tablet, step.action, lab.ledger);
    }
  });
  try {
    await Promise.all(working);
  } finally {
    killTrigger.fire();
    restarts.forEach((restart) => restart.fire());
    await Promise.allSettled([killed, ...restarts.map((restart) => restart.done)]);
    open = false;
    closing.fire();
    await Promise.allSettled(flapping);
    links.forEach((link) => (link.onForward = () => {}));
  }
  await killed;
  await Promise.all(restarts.map((restart) => restart.done));
}
