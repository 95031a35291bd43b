import { useSyncExternalStore } from 'react';

/**
 * The screen is kept in the URL hash (`#/orders/ID`), so a reload opens where
 * the user was, and the service worker serves one page. The last screen is
 * also kept on the tablet: an app closed mid-walkaround reopens there.
 */
export type Route = { screen: 'orders' } | { screen: 'order'; id: string };

export function parseRoute(hash: string): Route {
  const match = /^#\/orders\/([A-Za-z0-9_-]+)$/.exec(hash);
  return match?.[1] ? { screen: 'order', id: match[1] } : { screen: 'orders' };
}

export function routeHref(route: Route): string {
  return route.screen === 'order' ? `#/orders/${route.id}` : '#/orders';
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
