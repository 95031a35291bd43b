/** The people of a dealer's service department (DOMAIN.md, "Who uses it"). */
export const ROLES = [
  'advisor',
  'technician',
  'team-leader',
  'foreman',
  'clerk',
  'manager',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];
