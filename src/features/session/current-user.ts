import { DEMO_SITE, DEMO_USER } from '../../schema/index.js';

/**
 * Who is using the tablet. Until sign-in exists (the workshop issue) the demo
 * runs as the demo advisor of the demo site.
 */
export const currentUser = {
  username: DEMO_USER.username,
  displayName: DEMO_USER.displayName,
  siteId: DEMO_SITE.id,
} as const;
