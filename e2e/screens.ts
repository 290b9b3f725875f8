import type { Page } from '@playwright/test';

/** A full-page screenshot under test-results/screens/, to look at after the run. */
export async function screen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}
