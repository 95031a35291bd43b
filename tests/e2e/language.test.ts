import { describe, expect, it } from 'vitest';
import { newTablet, watchErrors } from './support/browser.js';
import { useProductSuite } from './support/product-suite.js';
import { signIn } from './support/page-models/session-page.js';

describe('language', () => {
  const suite = useProductSuite();

  it('a tablet set to Chinese opens in Chinese, switches to English, and keeps the choice after reload', async () => {
    const { server, browser } = suite;
    const tablet = await newTablet(browser, 'zh-CN');
    const page = await tablet.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url);
    await signIn(page);
    await page.getByRole('heading', { name: '今日维修委托书' }).waitFor();
    await page.getByRole('button', { name: '新建接车' }).waitFor();
    await page.getByRole('status', { name: '同步状态' }).waitFor();

    await page.getByRole('radiogroup', { name: '语言' }).getByText('English').click();
    await page.getByRole('heading', { name: "Today's repair orders" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.reload();
    await page.getByRole('heading', { name: "Today's repair orders" }).waitFor();
    expect(errors).toEqual([]);
    await tablet.close();
  });
});
