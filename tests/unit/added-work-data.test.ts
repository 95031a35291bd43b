import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { giveFreshRecordSigner } from '../../src/features/session/index.js';
import { createDatabase, type LaneDatabase } from '../../src/db/create-database.js';
import { mutationsOf } from '../../src/db/outbox.js';
import { LocalSaveError } from '../../src/db/save-locally.js';
import {
  addedWorkContentHash,
  jobIdFor,
  sha256Hex,
  type AddedWork,
} from '../../src/schema/index.js';
import {
  finishAddedWork,
  priceAddedWork,
  recordApproval,
  requestAddedWork,
  startAddedWork,
} from '../../src/features/added-work/data.js';
import { approvalStanding } from '../../src/features/added-work/added-work-rules.js';
import { createRepairOrder } from '../../src/features/orders/data.js';
import { signCheckIn, type SignatureImageStore } from '../../src/features/signatures/data.js';
import { makePng } from './signature-fixtures.js';

const technician = { username: 'tech1', siteId: 'demo-site' };
const advisor = { username: 'advisor1', siteId: 'demo-site' };
const ORDER_ID = 'order-added-work-1';

const brakePads = {
  finding: 'Front brake pads worn to 2 mm',
  operation: 'Replace front brake pads',
  partsFen: 38_000,
  labourFen: 12_000,
  minutes: 45,
  evidencePhotoIds: ['a'.repeat(64)],
};
const price = { partsFen: 42_000, labourFen: 15_000, minutes: 50, promisedDeliveryAt: 0 };
const byPhone = (calledAt = 1_700_000_100_000) => ({
  method: 'phone' as const,
  approverName: '张伟',
  phoneNumber: '13800138000',
  calledAt,
});

const images: SignatureImageStore = {
  async put(blob) {
    return { sha256: await sha256Hex(new Uint8Array(await blob.arrayBuffer())) };
  },
};

let database: LaneDatabase;
beforeEach(async () => {
  // Approvals carry the advisor's own signature: each person has an unlocked key here.
  for (const person of [technician, advisor]) await giveFreshRecordSigner(person);
  database = await createDatabase({
    name: `added-work-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  });
});
afterEach(async () => {
  await database.close();
});

async function stored(id: string): Promise<AddedWork> {
  const { added_work } = database.records;
  return added_work.plain<AddedWork>(await added_work.findOne(id).exec(true));
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LocalSaveError);
  return (error as LocalSaveError).coded.code;
}

async function requestedAndPriced(): Promise<AddedWork> {
  const work = await requestAddedWork(database, technician, ORDER_ID, brakePads);
  return priceAddedWork(database, advisor, work.id, price);
}

describe('added work from the technician’s request to the customer’s authorisation', () => {
  it('is requested, priced, approved by phone, then started and done', async () => {
    const requested = await requestAddedWork(database, technician, ORDER_ID, brakePads);
    expect(requested).toMatchObject({
      status: 'requested',
      jobId: jobIdFor(ORDER_ID),
      createdBy: 'tech1',
      approvalId: '',
    });
    expect(await mutationsOf(database, 'added_work', requested.id)).not.toEqual([]);

    const priced = await priceAddedWork(database, advisor, requested.id, price);
    expect(priced).toMatchObject({ status: 'priced', pricedBy: 'advisor1', partsFen: 42_000 });

    const approval = await recordApproval(database, advisor, requested.id, {
      decision: 'approved',
      ...byPhone(),
    });
    expect(approval).toMatchObject({
      decision: 'approved',
      method: 'phone',
      approverName: '张伟',
      phoneNumber: '13800138000',
      calledAt: 1_700_000_100_000,
      signatureId: '',
      createdBy: 'advisor1',
      addedWorkId: requested.id,
    });
    expect(await stored(requested.id)).toMatchObject({
      status: 'approved',
      approvalId: approval.id,
    });

    expect(await startAddedWork(database, technician, requested.id)).toMatchObject({
      status: 'started',
      startedBy: 'tech1',
    });
    expect(await finishAddedWork(database, technician, requested.id)).toMatchObject({
      status: 'done',
      startedBy: 'tech1',
      doneBy: 'tech1',
    });
  });

  it('binds the approval to the content hash of the work as the customer approved it', async () => {
    const priced = await requestedAndPriced();
    const approval = await recordApproval(database, advisor, priced.id, {
      decision: 'approved',
      ...byPhone(),
    });
    expect(approval.contentHash).toBe(await addedWorkContentHash(priced));
    expect(approval.contentHash).not.toBe(
      await addedWorkContentHash({ ...priced, partsFen: priced.partsFen + 1 }),
    );
  });

  it('refuses to start before the customer approved, and writes nothing', async () => {
    const priced = await requestedAndPriced();
    const before = await stored(priced.id);

    expect(await refusal(startAddedWork(database, technician, priced.id))).toBe(
      'ADDED_WORK_NOT_AUTHORISED',
    );
    expect(await refusal(finishAddedWork(database, technician, priced.id))).toBe(
      'ADDED_WORK_NOT_AUTHORISED',
    );
    expect(await stored(priced.id)).toEqual(before);
  });

  it('keeps a declined request as the customer’s recommendation and refuses to start it', async () => {
    const priced = await requestedAndPriced();
    const decline = await recordApproval(database, advisor, priced.id, {
      decision: 'declined',
      ...byPhone(),
    });
    expect(decline.decision).toBe('declined');
    expect(await stored(priced.id)).toMatchObject({ status: 'declined', approvalId: decline.id });
    expect(await database.records.approvals.findOne(decline.id).exec()).not.toBeNull();

    expect(await refusal(startAddedWork(database, technician, priced.id))).toBe(
      'ADDED_WORK_NOT_AUTHORISED',
    );
    expect((await stored(priced.id)).status).toBe('declined');
  });

  it('voids the approval when the price changes, and refuses to start until approved again', async () => {
    const priced = await requestedAndPriced();
    const first = await recordApproval(database, advisor, priced.id, {
      decision: 'approved',
      ...byPhone(),
    });

    const repriced = await priceAddedWork(database, advisor, priced.id, {
      ...price,
      partsFen: 55_000,
    });
    expect(repriced).toMatchObject({ status: 'priced', approvalId: first.id });
    const newHash = await addedWorkContentHash(repriced);
    expect(approvalStanding(first, repriced, newHash)).toBe('void');
    expect(await refusal(startAddedWork(database, technician, priced.id))).toBe(
      'ADDED_WORK_NOT_AUTHORISED',
    );

    const second = await recordApproval(database, advisor, priced.id, {
      decision: 'approved',
      ...byPhone(),
    });
    expect(second.contentHash).toBe(newHash);
    expect(approvalStanding(first, await stored(priced.id), newHash)).toBe('void');
    expect(approvalStanding(second, await stored(priced.id), newHash)).toBe('valid');
    expect((await startAddedWork(database, technician, priced.id)).status).toBe('started');
  });

  it('keeps an approval when the advisor saves the same price again', async () => {
    const priced = await requestedAndPriced();
    await recordApproval(database, advisor, priced.id, { decision: 'approved', ...byPhone() });
    expect((await priceAddedWork(database, advisor, priced.id, price)).status).toBe('approved');
  });

  it('moves the order’s promised delivery time when the customer approves a new one', async () => {
    const order = await createRepairOrder(database, advisor, {
      promisedDeliveryAt: 1_700_000_000_000,
    });
    const work = await requestAddedWork(database, technician, order.id, brakePads);
    const later = 1_700_000_000_000 + 2 * 3_600_000;
    await priceAddedWork(database, advisor, work.id, { ...price, promisedDeliveryAt: later });
    const promised = async () =>
      (await database.repair_orders.findOne(order.id).exec(true)).toJSON().promisedDeliveryAt;

    expect(await promised()).toBe(1_700_000_000_000);
    await recordApproval(database, advisor, work.id, { decision: 'approved', ...byPhone() });
    expect(await promised()).toBe(later);
  });

  it('leaves the promised delivery time when the customer declines', async () => {
    const order = await createRepairOrder(database, advisor, {
      promisedDeliveryAt: 1_700_000_000_000,
    });
    const work = await requestAddedWork(database, technician, order.id, brakePads);
    await priceAddedWork(database, advisor, work.id, {
      ...price,
      promisedDeliveryAt: 1_800_000_000_000,
    });
    await recordApproval(database, advisor, work.id, { decision: 'declined', ...byPhone() });
    const stillPromised = (await database.repair_orders.findOne(order.id).exec(true)).toJSON();
    expect(stillPromised.promisedDeliveryAt).toBe(1_700_000_000_000);
  });

  it('accepts the customer’s signature on this work and refuses one for other content', async () => {
    const priced = await requestedAndPriced();
    const hash = await addedWorkContentHash(priced);
    const sign = (contentHash: string, subjectRef: string) =>
      signCheckIn(
        database,
        advisor,
        {
          orderId: ORDER_ID,
          signerName: '张伟',
          strokes: [[0.1, 0.2, 0.4, 0.5]],
          png: new Blob([makePng() as BlobPart], { type: 'image/png' }),
          contentHash,
          supersedes: '',
          purpose: 'added-work',
          subjectRef,
        },
        images,
      );

    const otherContent = await sign('b'.repeat(64), priced.id);
    expect(
      await refusal(
        recordApproval(database, advisor, priced.id, {
          decision: 'approved',
          method: 'signature',
          signatureId: otherContent.id,
        }),
      ),
    ).toBe('ADDED_WORK_NOT_AUTHORISED');
    expect((await stored(priced.id)).status).toBe('priced');

    const signature = await sign(hash, priced.id);
    expect(signature).toMatchObject({ purpose: 'added-work', subjectRef: priced.id });
    const approval = await recordApproval(database, advisor, priced.id, {
      decision: 'approved',
      method: 'signature',
      signatureId: signature.id,
    });
    expect(approval).toMatchObject({ method: 'signature', signatureId: signature.id });
    expect(approval.contentHash).toBe(hash);
    expect((await startAddedWork(database, technician, priced.id)).status).toBe('started');
  });

  it('refuses a decision the customer gave on content that has changed since', async () => {
    const priced = await requestedAndPriced();
    const shown = await addedWorkContentHash(priced);
    await priceAddedWork(database, advisor, priced.id, { ...price, labourFen: 1 });
    expect(
      await refusal(
        recordApproval(database, advisor, priced.id, {
          decision: 'approved',
          contentHash: shown,
          ...byPhone(),
        }),
      ),
    ).toBe('ADDED_WORK_NOT_AUTHORISED');
    expect(await database.records.approvals.find().exec()).toHaveLength(0);
  });
});
