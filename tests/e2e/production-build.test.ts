import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { API_BASE } from '../../src/schema/index.js';
import { newTablet } from './support/browser.js';
import { signIn } from './support/page-models/session-page.js';
import { useProductSuite } from './support/product-suite.js';

// `npm test` builds dist/ before this suite runs.
const assets = readdirSync('dist/assets').filter((name) => name.endsWith('.js'));
const bundle = assets.map((name) => readFileSync(`dist/assets/${name}`, 'utf8')).join('\n');

describe('the production build', () => {
  it('contains no RxDB dev-mode (it loads a page from the internet)', () => {
    expect(assets.length).toBeGreaterThan(0);
    expect(bundle).not.toContain('dev-mode-iframe');
    expect(bundle).not.toContain('RxDB dev-mode warning');
  });

  it('is installable: manifest with 192, 512 and maskable icons, standalone, any orientation', () => {
    const manifest = JSON.parse(readFileSync('dist/manifest.webmanifest', 'utf8')) as {
      display: string;
      orientation: string;
      icons: { sizes: string; purpose?: string }[];
    };
    expect(manifest.display).toBe('standalone');
    expect(manifest.orientation).toBe('any');
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
    expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
  });

  it('precaches the app shell so the tablet starts with no network', () => {
    const serviceWorker = readFileSync('dist/sw.js', 'utf8');
    expect(serviceWorker).toContain('index.html');
    for (const asset of assets) expect(serviceWorker).toContain(asset);
  });
});

describe('the production build holds no secret', () => {
  const shipped = [
    ...readdirSync('dist', { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.(js|html|css|json|webmanifest)$/.test(name))
      .map((name) => ({ name, text: readFileSync(`dist/${name}`, 'utf8') })),
  ];

  it.each([
    ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
    // The app parses PIN hashes (`scrypt$N$r$p$salt$hash`) but must never ship one.
    ['stored password or PIN hash', /scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=_-]{8,}\$/],
    // The demo password is for `npm start` on a test box; the sign-in screen must not offer it.
    ['demo password', /demo1234/],
    ['access or refresh token', /eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/],
    ['server database file or secret table name', /service-lane\.sqlite|server_secrets/],
  ])('ships no %s', (_what, pattern) => {
    expect(shipped.length).toBeGreaterThan(0);
    const leaks = shipped.filter(({ text }) => pattern.test(text)).map(({ name }) => name);
    expect(leaks).toEqual([]);
  });
});

describe('the production build under its Content-Security-Policy', () => {
  const suite = useProductSuite();

  /** Violations the page reports, collected from its first script on. */
  async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) => {
        seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`);
      });
    });
    const console: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) console.push(message.text());
    });
    return async () => [
      ...(await page.evaluate(
        () => (window as unknown as { cspViolations: string[] }).cspViolations,
      )),
      ...console,
    ];
  }

  it('an advisor signs in and the app runs with nothing blocked', async () => {
    const tablet = await newTablet(suite.browser);
    const page = await tablet.newPage();
    const violations = await watchCspViolations(page);
    const response = await page.goto(suite.server.url);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    await signIn(page);
    await page.getByRole('heading', { name: "Today's repair orders" }).waitFor();
    await page.getByRole('status', { name: 'Sync status' }).waitFor();
    expect(await violations()).toEqual([]);
    await tablet.close();
  });

  it('the API docs page renders with nothing blocked', async () => {
    const tablet = await newTablet(suite.browser);
    const page = await tablet.newPage();
    const violations = await watchCspViolations(page);
    await page.goto(`${suite.server.url}${API_BASE}/docs`);
    await page.getByText('Service lane sync API').first().waitFor();
    expect(await violations()).toEqual([]);
    await tablet.close();
  });
});
