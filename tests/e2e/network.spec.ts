/**
 * "What the network sees" (/projector/network) in Chromium, with real aria2 clients on hosts of
 * their own: with the seeder's encryption off the panel shows a client's handshake, the
 * `BitTorrent protocol` string and the info hash marked; with it required, only random-looking
 * bytes, from a client that refuses plaintext. The clients' own exits say they got the file.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/protocol';
import { hashFiles, startAria2, type DesktopClient } from '../support/desktop-clients';
import { expect, test } from './fixtures';

const PACK_DIR = path.join(process.env.SWARMLAB_E2E_DATA!, 'swarmlab-class-pack');
const token = process.env.SWARMLAB_E2E_TOKEN!;

test('encryption off shows the handshake on the panel; required shows none', async ({
  page,
  watch,
  host,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  watch(page);
  const instructor: Socket<ServerToClientEvents, ClientToServerEvents> = io(baseURL!, {
    transports: ['websocket'],
    auth: { token },
  });
  const work = await mkdtemp(path.join(os.tmpdir(), 'swarmlab-network-e2e-'));
  const clients: DesktopClient[] = [];
  try {
    const torrentFile = path.join(work, 'class.torrent');
    writeFileSync(torrentFile, await (await request.get('/class.torrent')).body());
    const lab = (await (await request.get('/api/lab')).json()) as {
      torrent: { infoHash: string };
    };
    const expected = hashFiles(PACK_DIR);

    expect((await instructor.emitWithAck('experiment:set', { encryption: 'off' })).ok).toBe(true);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto('/projector/network');
    await expect(page.getByTestId('encryption-mode')).toHaveAttribute('data-mode', 'off');

    const plain = await startAria2(torrentFile, host({ label: 'plain' }), [
      '--bt-min-crypto-level=plain',
    ]);
    clients.push(plain);
    await plain.finished;
    expect(hashFiles(path.join(plain.downloadDir, 'swarmlab-class-pack'))).toEqual(expected);
    const readable = page
      .getByTestId('wire-connection')
      .filter({ hasText: 'aria2' })
      .and(page.locator('[data-outcome="plaintext"]'))
      .first();
    await expect(readable).toBeVisible();
    const received = readable.getByTestId('wire-bytes').first();
    await expect(received).toHaveAttribute('data-readable', 'handshake');
    await expect(received.getByTestId('wire-reads')).toContainText(
      '"BitTorrent protocol" in clear',
    );
    await expect(received.getByTestId('wire-reads')).toContainText(
      lab.torrent.infoHash.slice(0, 12),
    );
    await page.screenshot({ path: 'test-results/network-off.png' });

    expect((await instructor.emitWithAck('experiment:set', { encryption: 'required' })).ok).toBe(
      true,
    );
    await expect(page.getByTestId('encryption-mode')).toHaveAttribute('data-mode', 'required');
    const strict = await startAria2(torrentFile, host({ label: 'strict' }), [
      '--bt-require-crypto=true',
      '--bt-min-crypto-level=arc4',
    ]);
    clients.push(strict);
    await strict.finished;
    expect(hashFiles(path.join(strict.downloadDir, 'swarmlab-class-pack'))).toEqual(expected);
    const hidden = page
      .getByTestId('wire-connection')
      .filter({ hasText: 'aria2' })
      .and(page.locator('[data-outcome="encrypted"]'))
      .first();
    await expect(hidden).toBeVisible();
    for (const side of await hidden.getByTestId('wire-bytes').all()) {
      await expect(side).toHaveAttribute('data-readable', 'none');
      await expect(side.getByTestId('wire-reads')).toContainText('No signature');
    }
    await page.screenshot({ path: 'test-results/network-required.png' });

    // On a phone the page is no wider than the screen (the dumps scroll inside their boxes).
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
  } finally {
    await instructor.emitWithAck('experiment:reset');
    instructor.disconnect();
    for (const c of clients) await c.stop();
    await rm(work, { recursive: true, force: true });
  }
});
