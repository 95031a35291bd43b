import { deflateSync } from 'node:zlib';
import {
  CHECKLIST_ITEMS,
  DEMO_SITE,
  DEMO_USER,
  newDocumentId,
  type CheckInSheet,
  type DamageMark,
  type RepairOrder,
  type Signature,
} from '../../src/schema/index.js';

/** Plain check-in records for the signature and PDF tests: a full walkaround of one order. */
const base = (now: number) => ({
  siteId: DEMO_SITE.id,
  createdAt: now,
  createdBy: DEMO_USER.username,
  updatedAt: now,
  updatedBy: DEMO_USER.username,
});

export const photoHash = (seed: string) => seed.repeat(64).slice(0, 64);

export function makeCheckInSheet(order: RepairOrder, now = Date.now()): CheckInSheet {
  const checklist = Object.fromEntries(
    CHECKLIST_ITEMS.map((item) => [
      item,
      { status: 'ok' as const, note: '', photoIds: [] as string[] },
    ]),
  ) as CheckInSheet['checklist'];
  checklist.tyresWheels = { status: 'not-ok', note: '左前轮胎纹较浅', photoIds: [photoHash('a')] };
  checklist.spareWheel = { status: 'not-applicable', note: '', photoIds: [] };
  return {
    ...base(now),
    id: order.id,
    orderId: order.id,
    covers: { seat: true, steeringWheel: true, floorMat: true },
    warningLights: ['tyrePressure'],
    warningLightsOther: '',
    checklist,
    valuables: { description: '行车记录仪', handling: 'left-with-consent' },
    wishes: {
      keepOldParts: true,
      wash: true,
      engineBayWash: false,
      followUpConsent: true,
      followUpChannel: 'wechat',
      followUpTime: '工作日下午',
    },
    step: 'signature',
    conflicts: [],
  };
}

export function makeDamageMark(
  order: RepairOrder,
  fields: Partial<DamageMark> & Pick<DamageMark, 'number' | 'view'>,
  now = Date.now(),
): DamageMark {
  return {
    ...base(now),
    id: newDocumentId(),
    orderId: order.id,
    x: 0.3,
    y: 0.4,
    type: 'scratch',
    size: 'small',
    note: '',
    photoIds: [],
    removed: false,
    conflicts: [],
    ...fields,
  };
}

export function makeFullOrder(overrides: Partial<RepairOrder> = {}): Partial<RepairOrder> {
  return {
    symptoms: { when: '早上冷车', frequency: '每次刹车', conditions: '低速' },
    operations: [
      {
        id: 'op1',
        description: '更换前刹车片',
        labourFen: 20_000,
        partsFen: 45_050,
        warranty: false,
      },
      {
        id: 'op2',
        description: '刹车盘索赔更换',
        labourFen: 15_000,
        partsFen: 80_000,
        warranty: true,
      },
      {
        id: 'op3',
        description: 'Wheel alignment 四轮定位',
        labourFen: 12_000,
        partsFen: 0,
        warranty: false,
      },
    ],
    estimatedCompletionAt: Date.UTC(2026, 10, 23, 8, 0),
    promisedDeliveryAt: Date.UTC(2026, 10, 23, 9, 0),
    paymentMethod: 'mobile',
    nextServiceKm: 55_000,
    nextServiceDate: '2027-05-23',
    ...overrides,
  };
}

export function makeSignature(
  order: RepairOrder,
  fields: Partial<Signature> & Pick<Signature, 'contentHash'>,
  now = Date.now(),
): Signature {
  return {
    ...base(now),
    id: newDocumentId(),
    orderId: order.id,
    purpose: 'check-in',
    subjectRef: '',
    signerName: '张伟',
    strokes: [[0.1, 0.5, 0.3, 0.2, 0.5, 0.6, 0.9, 0.4]],
    imageId: photoHash('c'),
    signedAt: now,
    supersedes: '',
    ...fields,
  };
}

/** A small real PNG (a dark diagonal on white), made without any image library. */
export function makePng(width = 60, height = 20): Uint8Array {
  const rows: number[] = [];
  for (let y = 0; y < height; y += 1) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x += 1) {
      const ink = Math.abs(x / width - y / height) < 0.08;
      rows.push(...(ink ? [20, 20, 20] : [255, 255, 255]));
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(Buffer.from(rows))),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}
