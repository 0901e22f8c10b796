import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { expect, newWatchedPage, test } from './fixtures';

const base = `http://${process.env.SWARMLAB_E2E_ADDRESS}:${process.env.SWARMLAB_E2E_PORT}`;
const token = process.env.SWARMLAB_E2E_TOKEN!;
const PACK_DIR = path.join(process.env.SWARMLAB_E2E_DATA!, 'swarmlab-class-pack');
/** The class pack's piece length (CLASS_PACK_PIECE_LENGTH in lab-server/class-pack/index.ts). */
const PIECE_LENGTH = 64 * 1024;

async function throttleSeeder(instructor: Socket, bytesPerSecond: number | null) {
  const reply = await instructor.emitWithAck('experiment:set', {
    seederUploadLimit: bytesPerSecond,
  });
  expect(reply.ok, reply.error).toBe(true);
}

async function join(page: Page, nickname: string) {
  await page.goto('/join');
  await page.getByLabel('Your nickname').fill(nickname);
  await page.getByRole('button', { name: 'Join the class swarm' }).click();
}

const percent = async (page: Page) =>
  Number((await page.getByTestId('progress').textContent())!.replace('%', ''));

test('the pack’s film plays in /join while the torrent is still downloading', async ({
  browser,
  watch,
}) => {
  const instructor = io(base, { transports: ['websocket'], auth: { token } });
  const context = await browser.newContext();
  try {
    // Slow enough that the 27 MiB pack takes minutes, fast enough for a ~110 KB/s film.
    await throttleSeeder(instructor, 256 * 1024);
    const page = await newWatchedPage(context, watch);
    const joinedAt = Date.now();
    await join(page, 'Viewer');
    expect(
      await page.evaluate(() => MediaSource.isTypeSupported('video/webm; codecs="vp8,opus"')),
    ).toBe(true);

    await expect
      .poll(
        async () => {
          const film = await page.getByTestId('film').evaluate((v: HTMLVideoElement) => ({
            t: v.currentTime,
            playing: !v.paused && !v.ended && v.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA,
          }));
          return film.t > 0.5 && film.playing;
        },
        { timeout: 60_000, intervals: [250] },
      )
      .toBe(true);
    console.log(`film playing ${((Date.now() - joinedAt) / 1000).toFixed(1)} s after Join`);
    // At that moment neither the torrent nor even the film itself is complete.
    const filmHere = Number(
      await page.getByTestId('film-status').getAttribute('data-film-progress'),
    );
    expect(filmHere).toBeLessThan(1);
    expect(await percent(page)).toBeLessThan(100);
    await expect(page.getByTestId('film-status')).toHaveText(
      /^Playing while downloading — \d+% here$/,
    );
    await page.screenshot({ path: 'test-results/join-film-playing.png', fullPage: true });
  } finally {
    await throttleSeeder(instructor, null);
    instructor.disconnect();
    await context.close();
  }
});

test('a reload resumes from the pieces kept in the browser, verified, and finishes', async ({
  browser,
  watch,
}) => {
  const instructor = io(base, { transports: ['websocket'], auth: { token } });
  const context = await browser.newContext();
  try {
    await throttleSeeder(instructor, 512 * 1024);
    const page = await newWatchedPage(context, watch);
    await join(page, 'Reloader');
    await expect.poll(() => percent(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(15);
    const before = await page.locator('[data-testid=piece-map] [data-piece=seeder]').count();
    await page.reload();
    await throttleSeeder(instructor, null);

    // The nickname is remembered; joining again finds the kept pieces and re-hashes them.
    await page.getByRole('button', { name: 'Join the class swarm' }).click();
    const resumed = page.getByTestId('resumed');
    await expect(resumed).toHaveText(/^Resumed \d+ pieces kept in this browser \(verified\)$/, {
      timeout: 30_000,
    });
    const kept = Number((await resumed.textContent())!.match(/\d+/)![0]);
    console.log(`${before} pieces before the reload, ${kept} kept and verified after it`);
    await expect(page.locator('[data-testid=piece-map] [data-piece=kept]')).toHaveCount(kept);
    // Writes still in flight at the reload may be lost, but most pieces must have survived.
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeGreaterThanOrEqual(Math.floor(before * 0.8));
    await page.screenshot({ path: 'test-results/join-resumed.png', fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'test-results/join-resumed-dark.png', fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });

    await expect(page.getByTestId('phase')).toHaveText(/^Done/, { timeout: 120_000 });
    // Only the rest came over the wire: the seeder sent at most what was missing (plus slack
    // for a few pieces requested twice).
    const names = readdirSync(PACK_DIR);
    const total = names.reduce((n, name) => n + statSync(path.join(PACK_DIR, name)).size, 0);
    const fromSeeder = Number(await page.getByTestId('from-seeder').getAttribute('data-bytes'));
    expect(fromSeeder).toBeGreaterThan(0);
    expect(fromSeeder).toBeLessThanOrEqual(total - kept * PIECE_LENGTH + 8 * PIECE_LENGTH);

    const expected = Object.fromEntries(
      names.map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(path.join(PACK_DIR, name)))
          .digest('hex'),
      ]),
    );
    const got: Record<string, string> = {};
    for (const link of await page.getByTestId('file-link').all()) {
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      got[download.suggestedFilename()] = createHash('sha256')
        .update(readFileSync(await download.path()))
        .digest('hex');
    }
    expect(got).toEqual(expected);

    // Reloaded once complete, with one kept piece damaged: the hash check drops that one piece
    // (fetched again), the rest comes back from IndexedDB, and the film plays from it.
    const pieceCount = Math.ceil(total / PIECE_LENGTH);
    const { infoHash } = (await (await fetch(`${base}/api/lab`)).json()).torrent;
    await page.reload();
    await page.evaluate(
      ({ name, pieceLength }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('chunks', 'readwrite');
            tx.objectStore('chunks').put(new Uint8Array(pieceLength).fill(7), 5);
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      { name: `swarmlab-pieces-${infoHash}`, pieceLength: PIECE_LENGTH },
    );
    const rejoinedAt = Date.now();
    await page.getByRole('button', { name: 'Join the class swarm' }).click();
    await expect(resumed).toHaveText(
      `Resumed ${pieceCount - 1} pieces kept in this browser (verified)`,
      {
        timeout: 60_000,
      },
    );
    console.log(
      `${pieceCount} kept pieces (one damaged) re-hashed ${((Date.now() - rejoinedAt) / 1000).toFixed(1)} s after Join`,
    );
    await expect(page.getByTestId('phase')).toHaveText(/^Done/);
    await expect(page.locator('[data-testid=piece-map] [data-piece=missing]')).toHaveCount(0);
    await expect(page.getByTestId('film-status')).toHaveText(/^Playing — the whole film is here$/);
    expect(
      await page.getByTestId('film').evaluate((v: HTMLVideoElement) => v.currentTime),
    ).toBeGreaterThan(0);
  } finally {
    await throttleSeeder(instructor, null);
    instructor.disconnect();
    await context.close();
  }
});

test('without Media Source Extensions the page says so, and the download goes on', async ({
  browser,
  watch,
}) => {
  const context = await browser.newContext();
  try {
    const page = await newWatchedPage(context, watch);
    await page.addInitScript(() => {
      // As in a browser without MSE for WebM.
      Object.defineProperty(window, 'MediaSource', { value: undefined });
    });
    await join(page, 'No MSE');
    await expect(page.getByTestId('film-status')).toHaveText(
      /cannot play a video while it downloads.*open it from “Your files”/,
    );
    await expect.poll(() => percent(page), { timeout: 60_000 }).toBeGreaterThan(0);
  } finally {
    await context.close();
  }
});
