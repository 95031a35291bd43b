import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

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
