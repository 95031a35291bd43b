/**
 * What a browser gives the app and Node does not, installed once in a tablet
 * process: IndexedDB (fake-indexeddb, in memory, so it survives closing and
 * reopening the app but not the process), EventSource, the online/offline
 * events with navigator.onLine, and a device clock that can be set wrong.
 */
import 'fake-indexeddb/auto';
import { EventSource } from 'eventsource';

globalThis.EventSource ??= EventSource as unknown as typeof globalThis.EventSource;

const browserEvents = new EventTarget();

// RxDB waits for the window's 'online' event before retrying a failed request
// (or retryTime, 5 s); the app resyncs on it. Both look these up on the global.
Object.assign(globalThis, {
  window: globalThis,
  addEventListener: browserEvents.addEventListener.bind(browserEvents),
  removeEventListener: browserEvents.removeEventListener.bind(browserEvents),
  dispatchEvent: browserEvents.dispatchEvent.bind(browserEvents),
});
Object.defineProperty(globalThis, 'navigator', {
  value: { onLine: true, userAgent: 'node-tablet' },
  configurable: true,
});

/** The tablet's Wi-Fi: false while the link is flaky, then the browser's 'online' event. */
export function setOnline(onLine: boolean): void {
  (globalThis.navigator as { onLine: boolean }).onLine = onLine;
  browserEvents.dispatchEvent(new Event(onLine ? 'online' : 'offline'));
}

const trueNow = Date.now.bind(Date);
let clockSkewMs = 0;

/**
 * A tablet whose clock is wrong: every Date.now() in this process (the app's
 * updatedAt and signedAt, RxDB's own timestamps) is off by `skewMs`. The app
 * takes device time only from Date.now(); `new Date()` it uses for display.
 */
export function setClockSkew(skewMs: number): void {
  clockSkewMs = skewMs;
}

Date.now = () => trueNow() + clockSkewMs;
