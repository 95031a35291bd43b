/**
 * An opt-in CPU profile of one bench stage in the page, for finding what
 * bounds a figure: `BENCH_PROFILE=push,pull npm run bench`. The profile is
 * written to .tmp/profiles/<stage>.cpuprofile (open it in Chrome DevTools)
 * and summarised by self time: the page's idle share (waiting on IndexedDB
 * or the network) and the functions that cost most.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const PROFILE_DIR = fileURLToPath(new URL('../../.tmp/profiles', import.meta.url));
const wanted = new Set(
  (process.env.BENCH_PROFILE ?? '')
    .split(',')
    .map((stage) => stage.trim())
    .filter(Boolean),
);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Runs `work`, profiled when the stage is named in BENCH_PROFILE. */
export async function profiled<T>(page: Page, stage: string, work: () => Promise<T>): Promise<T> {
  if (!wanted.has(stage)) return work();
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await session.send('Profiler.stop')) as { profile: CpuProfile };
    await session.detach();
    await mkdir(PROFILE_DIR, { recursive: true });
    const file = `${PROFILE_DIR}/${stage}.cpuprofile`;
    await writeFile(file, JSON.stringify(profile));
    console.log(summarise(stage, profile, file));
  }
}

function summarise(stage: string, profile: CpuProfile, file: string): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    totalMs += ms;
    const frame = byId.get(id)?.callFrame;
    const file = frame?.url.split('/').pop()?.split('?')[0] ?? '';
    const name = frame
      ? `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`
      : '?';
    selfMs.set(name, (selfMs.get(name) ?? 0) + ms);
  });
  const top = [...selfMs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
    .map(
      ([name, ms]) =>
        `    ${ms.toFixed(0).padStart(6)} ms ${((100 * ms) / totalMs).toFixed(1).padStart(5)}%  ${name}`,
    );
  return [`  profile of ${stage}: ${totalMs.toFixed(0)} ms sampled, ${file}`, ...top].join('\n');
}
