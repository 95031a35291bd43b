import { useSyncExternalStore } from 'react';
import type { Role } from '../schema/index.js';

/**
 * The screen is kept in the URL hash (`#/orders/ID`), so a reload opens where
 * the user was, and the service worker serves one page. The last screen is
 * also kept on the tablet: an app closed mid-walkaround reopens there.
 */
export type Route =
  | { screen: 'orders' }
  | { screen: 'order'; id: string }
  /** The foreman's dispatch board (派工). */
  | { screen: 'board' }
  /** A technician's or team leader's jobs, and the checks waiting for them. */
  | { screen: 'jobs' }
  /** One workshop job, by its order's id. */
  | { screen: 'job'; id: string }
  /** The site admin's users. */
  | { screen: 'admin' };

const ID = '([A-Za-z0-9_-]+)';

export function parseRoute(hash: string): Route {
  const order = new RegExp(`^#/orders/${ID}$`).exec(hash)?.[1];
  if (order) return { screen: 'order', id: order };
  const job = new RegExp(`^#/jobs/${ID}$`).exec(hash)?.[1];
  if (job) return { screen: 'job', id: job };
  if (hash === '#/board') return { screen: 'board' };
  if (hash === '#/jobs') return { screen: 'jobs' };
  if (hash === '#/admin') return { screen: 'admin' };
  return { screen: 'orders' };
}

export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'order':
      return `#/orders/${route.id}`;
    case 'job':
      return `#/jobs/${route.id}`;
    case 'orders':
    case 'board':
    case 'jobs':
    case 'admin':
      return `#/${route.screen}`;
  }
}

/** Where each role starts after switching in. */
export function homeRouteFor(role: Role): Route {
  switch (role) {
    case 'foreman':
      return { screen: 'board' };
    case 'technician':
    case 'team-leader':
      return { screen: 'jobs' };
    case 'admin':
      return { screen: 'admin' };
    default:
      return { screen: 'orders' };
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

const LAST_ROUTE_KEY = 'service-lane.last-route';

/** Called once at start: with no screen in the address, go back to the last one. */
export function resumeLastRoute(): void {
  const last = localStorage.getItem(LAST_ROUTE_KEY);
  if (!window.location.hash && last) window.location.replace(last);
  const remember = () => localStorage.setItem(LAST_ROUTE_KEY, window.location.hash || '#/orders');
  remember();
  window.addEventListener('hashchange', remember);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
