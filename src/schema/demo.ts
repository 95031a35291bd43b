import type { Role } from './roles.js';

/**
 * The demo dealer site created by `npm start` on an empty data directory
 * (never in production). DEMO_USER is the advisor tests sign in as by default.
 */
export const DEMO_SITE = {
  id: 'demo-site',
  name: 'Demo Motors 演示经销商',
  address: '北京市朝阳区汽车城路 8 号 (8 Qichecheng Road, Chaoyang, Beijing)',
  phone: '010-8888 6666',
} as const;

export const DEMO_PASSWORD = 'demo1234';
export const DEMO_PIN = '1234';

export const DEMO_USERS: readonly { username: string; displayName: string; role: Role }[] = [
  { username: 'advisor1', displayName: 'Li Na 李娜', role: 'advisor' },
  { username: 'tech1', displayName: 'Wang Qiang 王强', role: 'technician' },
  { username: 'tech2', displayName: 'Zhao Lei 赵磊', role: 'technician' },
  { username: 'leader1', displayName: 'Chen Gang 陈刚', role: 'team-leader' },
  { username: 'foreman1', displayName: 'Liu Wei 刘伟', role: 'foreman' },
  { username: 'clerk1', displayName: 'Sun Li 孙丽', role: 'clerk' },
  { username: 'manager1', displayName: 'Zhou Jie 周杰', role: 'manager' },
  { username: 'admin', displayName: 'Site admin 管理员', role: 'admin' },
];

export const DEMO_USER = {
  username: 'advisor1',
  displayName: 'Li Na 李娜',
  role: 'advisor',
} as const;
