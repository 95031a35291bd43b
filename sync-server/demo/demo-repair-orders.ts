import {
  DEMO_SITE,
  DEMO_USER,
  expectedCheckDigit,
  type RepairOrder,
  type RepairOrderStatus,
} from '../../src/schema/index.js';

/**
 * The demo site's repair orders: a morning in the service lane, dated today
 * so the app's "today" lists are not empty on first start.
 */
interface DemoOrderFacts {
  status: RepairOrderStatus;
  customer: { name: string; phone: string };
  vehicle: { plate: string; vinWithoutCheckDigit: string; model: string; colour: string };
  odometerKm?: number;
  fuelEighths?: number;
  concern: string;
  minutesAgo: number;
}

const DEMO_ORDER_FACTS: readonly DemoOrderFacts[] = [
  {
    status: 'in-workshop',
    customer: { name: '张伟', phone: '138 0013 8000' },
    vehicle: {
      plate: '京A·12345',
      vinWithoutCheckDigit: 'LFV2A21K_E3000001',
      model: 'Volkswagen Sagitar 速腾',
      colour: '白色',
    },
    odometerKm: 48_210,
    fuelEighths: 3,
    concern: '刹车的时候有吱吱响,尤其是早上第一次踩刹车。顺便做一下常规保养。',
    minutesAgo: 150,
  },
  {
    status: 'checked-in',
    customer: { name: '王芳', phone: '139 1234 5678' },
    vehicle: {
      plate: '京N·8K921',
      vinWithoutCheckDigit: 'LSVAU218_N2184522',
      model: 'Skoda Octavia 明锐',
      colour: '银灰色',
    },
    odometerKm: 21_530,
    fuelEighths: 6,
    concern: '空调不太凉,开一会儿出风口有异味。',
    minutesAgo: 95,
  },
  {
    status: 'ready',
    customer: { name: '刘洋', phone: '(010) 6552 1188' },
    vehicle: {
      plate: '京Q·D6035',
      vinWithoutCheckDigit: 'LVSHCAMB_JE054321',
      model: 'Ford Focus 福克斯',
      colour: '蓝色',
    },
    odometerKm: 87_004,
    fuelEighths: 2,
    concern: '仪表盘上发动机故障灯亮了,加速有点没劲。',
    minutesAgo: 240,
  },
  {
    status: 'draft',
    customer: { name: '陈静', phone: '186 0101 2233' },
    vehicle: {
      plate: '京E·55T02',
      vinWithoutCheckDigit: 'LGBH52E0_MY123457',
      model: 'Nissan Sylphy 轩逸',
      colour: '黑色',
    },
    concern: '右前轮胎好像漏气,每周都要打气。',
    minutesAgo: 10,
  },
];

function withCheckDigit(vinWithoutCheckDigit: string): string {
  const vin = vinWithoutCheckDigit.replace('_', '0');
  return vin.slice(0, 8) + expectedCheckDigit(vin) + vin.slice(9);
}

function orderNumber(date: Date, index: number): string {
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((part) => String(part).padStart(2, '0'))
    .join('');
  return `RO-${day}-${String(index + 1).padStart(4, '0')}`;
}

export function demoRepairOrders(now: number = Date.now()): RepairOrder[] {
  const startOfToday = new Date(now).setHours(0, 0, 0, 0);
  return DEMO_ORDER_FACTS.map((facts, index) => {
    // Never before midnight: the orders belong to today's lane.
    const createdAt = Math.max(startOfToday, now - facts.minutesAgo * 60_000);
    const { vinWithoutCheckDigit, ...vehicle } = facts.vehicle;
    const order: RepairOrder = {
      id: `demo-ro-${String(index + 1).padStart(4, '0')}`,
      siteId: DEMO_SITE.id,
      orderNumber: orderNumber(new Date(now), index),
      status: facts.status,
      customer: { ...facts.customer },
      vehicle: { ...vehicle, vin: withCheckDigit(vinWithoutCheckDigit) },
      concern: facts.concern,
      createdAt,
      createdBy: DEMO_USER.username,
      updatedAt: createdAt,
      updatedBy: DEMO_USER.username,
      conflicts: [],
    };
    if (facts.odometerKm !== undefined) order.odometerKm = facts.odometerKm;
    if (facts.fuelEighths !== undefined) order.fuelEighths = facts.fuelEighths;
    return order;
  });
}
