import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';

/**
 * Steps for adding and seeing photos, for any screen that has a PhotoPicker
 * ("Add photo") and PhotoThumbnails. `within` narrows to one damage mark or
 * checklist item when a screen has several pickers.
 */
export function photoFixture(name: string): string {
  return fileURLToPath(new URL(`../../../fixtures/images/${name}`, import.meta.url));
}

export interface PhotoStepOptions {
  within?: Locator;
  /** The picker's accessible name, e.g. '添加照片' in Chinese. */
  name?: string | RegExp;
}

/** Taps "Add photo", picks the fixture in the file chooser, and waits until the photo is saved. */
export async function addPhoto(
  page: Page,
  fixture: string,
  { within, name = 'Add photo' }: PhotoStepOptions = {},
): Promise<void> {
  const scope = within ?? page.locator('body');
  const chooser = page.waitForEvent('filechooser');
  await scope.getByRole('button', { name, exact: true }).click();
  await (await chooser).setFiles(fixture.includes('/') ? fixture : photoFixture(fixture));
  await waitUntilPhotoSaved(scope, name);
}

/** The same through the picker's file input, found by its label (no file chooser event). */
export async function pickPhotoFile(
  page: Page,
  file: string | { name: string; mimeType: string; buffer: Buffer },
  { within, name = 'Add photo' }: PhotoStepOptions = {},
): Promise<void> {
  const scope = within ?? page.locator('body');
  const input = scope.getByLabel(name, { exact: true }).and(scope.locator('input[type=file]'));
  await input.setInputFiles(
    typeof file === 'string' && !file.includes('/') ? photoFixture(file) : file,
  );
  await waitUntilPhotoSaved(scope, name);
}

/** While the photo is reduced the button is busy and named "Preparing photo…". */
async function waitUntilPhotoSaved(scope: Locator, name: string | RegExp): Promise<void> {
  await scope
    .getByRole('button', { name, exact: true })
    .and(scope.locator('[aria-busy="false"]'))
    .waitFor({ timeout: 20_000 });
}

/** The thumbnails shown, by their alt text ("Photo 1 of 3"). */
export function photoThumbnails(scope: Page | Locator): Locator {
  return scope.getByRole('img', { name: /^Photo \d+ of \d+$/ });
}

export function photoUploadStatus(page: Page): Locator {
  return page.getByRole('status', { name: 'Photo upload' });
}
