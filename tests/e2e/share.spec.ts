/**
 * Share your own file: attendee A makes a torrent in the browser and shares it; B finds it on
 * the class index and downloads it; with the instructor's seedbox on, aria2 fetches it too; and
 * after A leaves, C still completes from the seedbox. Every copy is checked byte for byte.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, newWatchedPage, test } from './fixtures';

const run = promisify(execFile);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function shot(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/${name}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function downloadInBrowser(page: Page, infoHash: string, expected: string) {
  await page.goto(`/index/get?h=${infoHash}`);
  await expect(page.getByTestId('fetch-phase')).toHaveText(/^Done/, { timeout: 120_000 });
  await expect(page.getByTestId('file-sha256')).toHaveText(expected);
}

test('share a file, download it from the index, with aria2 through the seedbox, and after the sharer leaves', async ({
  browser,
  watch,
  baseURL,
}) => {
  test.setTimeout(360_000);
  const file = randomBytes(2 * 1024 * 1024 + 4321);
  const expected = sha256(file);
  const phone = { viewport: { width: 390, height: 844 } };

  // A creates and shares a torrent of a generated file.
  const contextA = await browser.newContext(phone);
  const a = await newWatchedPage(contextA, watch);
  await a.goto('/share');
  await a.getByLabel('Your nickname').fill('Ada');
  await a.getByTestId('share-files').setInputFiles({
    name: 'holiday-photo.bin',
    mimeType: 'application/octet-stream',
    buffer: file,
  });
  await expect(a.getByTestId('share-phase')).toHaveText(/^Seeding/, { timeout: 60_000 });
  const infoHash = (await a.getByTestId('share-infohash').textContent())!.trim();
  expect(infoHash).toMatch(/^[0-9a-f]{40}$/);
  await expect(a.getByTestId('share-magnet')).toHaveValue(new RegExp(`xt=urn:btih:${infoHash}`));
  await expect(a.getByTestId('share-qr')).toBeVisible();
  // The lab sees A at the default browser's own classroom host (playwright.config.ts).
  await expect(a.getByTestId('my-address')).toHaveText(process.env.SWARMLAB_E2E_BROWSER_ADDRESS!);
  await shot(a, 'share-phone');

  // B finds it on the index and downloads it from A.
  const contextB = await browser.newContext(phone);
  const b = await newWatchedPage(contextB, watch);
  await b.goto('/index');
  const row = b.locator(`[data-testid=index-entry][data-infohash="${infoHash}"]`);
  await expect(row).toContainText('holiday-photo.bin');
  await expect(row).toContainText('Ada');
  await row.getByRole('link', { name: 'Download' }).click();
  await expect(b.getByTestId('fetch-phase')).toHaveText(/^Done/, { timeout: 120_000 });
  await expect(b.getByTestId('file-sha256')).toHaveText(expected);
  await shot(b, 'get-phone');

  // The instructor turns the seedbox on; the index shows B seeding too.
  const contextI = await browser.newContext(phone);
  const instructor = await newWatchedPage(contextI, watch);
  await instructor.goto(`/index#token=${process.env.SWARMLAB_E2E_TOKEN}`);
  await expect(instructor.getByTestId('instructor-tools')).toBeVisible();
  const irow = instructor.locator(`[data-testid=index-entry][data-infohash="${infoHash}"]`);
  await expect(irow.getByTestId('seeders')).toHaveText(/^[2-9]$/, { timeout: 30_000 });
  // The box follows the lab's state, so it ticks once the lab has applied the change.
  await instructor.getByTestId('seedbox-all').click();
  await expect(instructor.getByTestId('seedbox-all')).toBeChecked();
  await expect(irow).toContainText('seedbox seeding', { timeout: 90_000 });
  await shot(instructor, 'index-phone');

  // aria2, a desktop client, downloads it with the index's .torrent (TCP from the seedbox).
  const dir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-aria2-'));
  try {
    const torrent = Buffer.from(
      await (await fetch(`${baseURL}/shared/${infoHash}.torrent`)).arrayBuffer(),
    );
    writeFileSync(path.join(dir, 'shared.torrent'), torrent);
    await run(
      '/usr/bin/aria2c',
      [
        '--enable-dht=false',
        '--bt-enable-lpd=false',
        '--enable-peer-exchange=true',
        '--seed-time=0',
        '--summary-interval=0',
        '--console-log-level=warn',
        `--dir=${path.join(dir, 'out')}`,
        path.join(dir, 'shared.torrent'),
      ],
      { timeout: 120_000 },
    );
    expect(sha256(readFileSync(path.join(dir, 'out', 'holiday-photo.bin')))).toBe(expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // A and B leave; C still completes, from the seedbox alone.
  await contextA.close();
  await contextB.close();
  const contextC = await browser.newContext();
  const c = await newWatchedPage(contextC, watch);
  await downloadInBrowser(c, infoHash, expected);

  await Promise.all([contextC.close(), contextI.close()]);
});
