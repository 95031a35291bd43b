import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  currentRound,
  jobStage,
  qcHistory,
  voidedByReopening,
  type ReworkRecord,
  type SignOff,
} from '../../src/schema/index.js';
import { makeSignOff } from '../factories/workshop.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { LEAK, edited, reopening, workshopScenes } from './helpers/workshop-scenes.js';
import { row, signInWorkshop, type WorkshopSync } from './helpers/workshop-sync.js';

/**
 * A job's final pass closes it: a hostile tablet that sets an operation back
 * to not done or adds a finding afterwards is refused, and the server's state
 * stays as it was, until the foreman reopens the job, which voids the final
 * pass and starts the three checks again. Hand-made JSON over real HTTP.
 */
let server: TestServer;
let sync: WorkshopSync;
let scenes: ReturnType<typeof workshopScenes>;

beforeAll(async () => {
  server = await startTestServer();
  sync = await signInWorkshop(server.baseUrl, ['advisor1', 'tech1', 'leader1', 'foreman1']);
  scenes = workshopScenes(sync);
});

afterAll(() => server.stop());

describe('a job is closed by its final pass until the foreman reopens it', () => {
  it('setting an operation back to not done, or adding a finding, is refused', async () => {
    const { job } = await scenes.passedOrder();
    const undone = edited(job, {
      operations: job.operations.map((entry, index) =>
        index === 0 ? { ...entry, done: false } : entry,
      ),
    });
    await scenes.expectRefused('JOB_CLOSED_AFTER_QC', {
      collection: 'jobs',
      row: row(undone, job),
      by: 'tech1',
    });
    const leaking = edited(job, { findings: [LEAK] });
    await scenes.expectRefused('JOB_CLOSED_AFTER_QC', {
      collection: 'jobs',
      row: row(leaking, job),
      by: 'tech1',
    });
  });

  it('a reopening must be the foreman’s and name the standing final pass', async () => {
    const { order, job } = await scenes.workedOrder();
    const self = await makeSignOff({ order, job, level: 'self', by: 'tech1' });
    await sync.store('sign_offs', [row(self)], 'tech1');
    // Before a final pass there is nothing to reopen.
    await scenes.expectRefused('REOPEN_WITHOUT_FINAL_PASS', {
      collection: 'rework_records',
      row: row(await reopening(self, 'foreman1')),
      by: 'foreman1',
    });
    const passed = await scenes.passedOrder();
    await scenes.expectRefused('ROLE_FORBIDDEN', {
      collection: 'rework_records',
      row: row(await reopening(passed.finalPass, 'leader1')),
      by: 'leader1',
    });
  });

  it('after a reopening the edit is accepted, the final pass shows void and the checks start again', async () => {
    const { job, finalPass } = await scenes.passedOrder();
    const reopen = await reopening(finalPass, 'foreman1');
    await sync.store('rework_records', [row(reopen)], 'foreman1');
    // A second reopening of the same pass would count a round twice.
    await scenes.expectRefused('REOPEN_WITHOUT_FINAL_PASS', {
      collection: 'rework_records',
      row: row(await reopening(finalPass, 'foreman1')),
      by: 'foreman1',
    });

    const leaking = edited(job, { findings: [LEAK] });
    await sync.store('jobs', [row(leaking, job)], 'tech1');

    const signOffs = (await sync.pullAll('sign_offs', 'foreman1')).documents.filter(
      (document) => (document as SignOff).jobId === job.id,
    ) as SignOff[];
    const reworks = (await sync.pullAll('rework_records', 'foreman1')).documents.filter(
      (document) => (document as ReworkRecord).jobId === job.id,
    ) as ReworkRecord[];
    const history = qcHistory(signOffs, reworks);
    expect(currentRound(history)).toBe(1);
    expect(jobStage(leaking, history)).toBe('rework');
    const storedPass = signOffs.find((signOff) => signOff.id === finalPass.id);
    expect(storedPass && voidedByReopening(storedPass, reworks)).toBe(true);
  });
});
