import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';
import { NetworkLink } from './network-link.js';
import { ProductServer } from './product-server.js';

export interface ProductSuite {
  server: ProductServer;
  /** A network to the server that a test can cut (tablets that go offline open `link.url`). */
  link: NetworkLink;
  browser: Browser;
}

/** The product as `npm start` runs it, a cuttable network to it and Chromium, for one suite. */
export function useProductSuite(): ProductSuite {
  const suite = {} as ProductSuite;
  beforeAll(async () => {
    const server = await ProductServer.start();
    suite.server = server;
    suite.link = await NetworkLink.open(() => server.port);
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.link?.close();
    await suite.server?.stop();
  });
  return suite;
}
