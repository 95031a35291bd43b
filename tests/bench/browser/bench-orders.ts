import type { RepairOrder } from '../../../src/schema/index.js';
import { makeRepairOrder, makeVin } from '../../factories/repair-order.js';
import type { OrderSizes } from '../bench-api.js';

/**
 * Repair orders as a busy lane writes them: different customers, plates and
 * cars, and a concern of one to a dozen sentences, so each order's JSON is
 * about 500–900 bytes. Seeded, so every run stores the same mix of sizes.
 */
const SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '赵', '黄', '周', '吴', '欧阳', '司马'];
const GIVEN_NAMES = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '磊',
  '洋',
  '海涛',
  '晓燕',
  '志强',
  '丽',
];
const PROVINCES = ['京', '沪', '粤', '苏', '浙', '川', '鄂', '湘', '鲁', '豫'];
const PLATE_CHARACTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const MODELS = [
  'Volkswagen Sagitar 速腾',
  'Toyota Camry 凯美瑞',
  'Honda Accord 雅阁',
  'Nissan Sylphy 轩逸',
  'Buick LaCrosse 君越',
  'BYD Han EV 汉',
  'Geely Boyue 博越',
  'Mercedes-Benz C 260 L',
];
const COLOURS = ['白色', '黑色', '银色', '灰色', '蓝色', '红色', '香槟金'];
const CONCERNS = [
  '刹车的时候有吱吱响。',
  '冷车启动时发动机抖动，怠速不稳。',
  '空调制冷效果差，出风口有异味。',
  '方向盘向左跑偏，高速时方向盘抖动。',
  '仪表盘发动机故障灯亮，加速无力。',
  '更换机油机滤，做常规保养，检查刹车片厚度。',
  '左前轮胎有鼓包，客户要求检查四条轮胎。',
  '雨刮器刮不干净，工作时有异响。',
  '变速箱换挡顿挫，特别是二挡升三挡的时候。',
  '过减速带时底盘有咯噔声，右后方比较明显。',
  '早上启动困难，客户要求检查电瓶和发电机。',
  '后备箱门关不上，锁扣可能损坏。',
  '下雨后副驾驶脚垫潮湿，车内有滴水声。',
];

/** mulberry32: a small seeded generator, so runs are comparable. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function makeBenchOrders(n: number, seed = 1): RepairOrder[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const plateTail = () => Array.from({ length: 5 }, () => pick([...PLATE_CHARACTERS])).join('');
  const concern = () =>
    Array.from({ length: 2 + Math.floor(random() * 7) }, () => pick(CONCERNS)).join('');
  return Array.from({ length: n }, (_, index) =>
    makeRepairOrder({
      customer: {
        name: pick(SURNAMES) + pick(GIVEN_NAMES),
        phone: `13${Math.floor(random() * 10)} ${String(Math.floor(random() * 1e4)).padStart(4, '0')} ${String(Math.floor(random() * 1e4)).padStart(4, '0')}`,
      },
      vehicle: {
        plate: `${pick(PROVINCES)}${pick([...'ABCDEFGH'])}·${plateTail()}`,
        vin: makeVin(seed * 100_000 + index),
        model: pick(MODELS),
        colour: pick(COLOURS),
      },
      odometerKm: Math.floor(random() * 300_000),
      fuelEighths: Math.floor(random() * 9),
      concern: concern(),
    }),
  );
}

export function measureSizes(orders: RepairOrder[]): OrderSizes {
  const encoder = new TextEncoder();
  const bytes = orders.map((order) => encoder.encode(JSON.stringify(order)).length);
  const total = bytes.reduce((sum, size) => sum + size, 0);
  return {
    minBytes: Math.min(...bytes),
    averageBytes: Math.round(total / Math.max(bytes.length, 1)),
    maxBytes: Math.max(...bytes),
  };
}
