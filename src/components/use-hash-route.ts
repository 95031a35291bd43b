import { useSyncExternalStore } from 'react';

/**
 * The screen is kept in the URL hash (`#/orders/ID`), so a reload or a new
 * window opens where the user was, and the service worker serves one page.
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

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
