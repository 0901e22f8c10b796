import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PeerState, SwarmSnapshot } from '../../lib/swarm-model';
import {
  hashFiles,
  startClient,
  type DesktopClient,
  type DesktopClientName,
} from '../support/desktop-clients';
import { expect, newWatchedPage, test } from './fixtures';

const PACK_DIR = path.join(process.env.SWARMLAB_E2E_DATA!, 'swarmlab-class-pack');
const BROWSERS = ['Ada', 'Grace', 'Linus', 'Radia'];
const CLIENTS: DesktopClientName[] = ['aria2', 'Transmission', 'qBittorrent', 'libtorrent'];

test('the desktop page gives the lab’s own .torrent link and magnet', async ({
  page,
  watch,
  request,
}) => {
  watch(page);
  const lab = (await (await request.get('/api/lab')).json()) as {
    attendeeUrl: string;
    torrent: { infoHash: string; magnet: string };
  };
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto('/desktop');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Join with a desktop client');
  await expect(page.getByTestId('magnet')).toHaveText(lab.torrent.magnet);
  await expect(page.getByTestId('torrent-url')).toHaveText(
    new URL('/class.torrent', lab.attendeeUrl).href,
  );
  for (const id of ['qbittorrent', 'transmission', 'aria2'])
    await expect(page.getByTestId(`guide-${id}`)).toBeVisible();
  await expect(page.getByTestId('guide-aria2')).toContainText(
    `aria2c --enable-dht=false --seed-time=0 ${new URL('/class.torrent', lab.attendeeUrl).href}`,
  );
  await page.getByRole('button', { name: 'Copy magnet link' }).first().click();
  await expect(page.getByRole('button', { name: 'Copy magnet link' }).first()).toHaveText(
    /Copied|Select and copy/,
  );
  const torrent = await page.getByTestId('torrent-link').getAttribute('href');
  expect((await request.get(torrent!)).headers()['content-type']).toBe('application/x-bittorrent');
  await page.screenshot({ path: 'test-results/desktop-page.png', fullPage: true });
});

test('four laptops and four desktop clients, each its own host, share one swarm and finish with equal copies', async ({
  laptop,
  host,
  watch,
  request,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const work = await mkdtemp(path.join(os.tmpdir(), 'swarmlab-desktop-e2e-'));
  const clients: DesktopClient[] = [];
  const laptops = await Promise.all(BROWSERS.map(() => laptop()));
  const contexts = await Promise.all(laptops.map((b) => b.newContext()));
  try {
    // The .torrent a desktop client gets: it lists the HTTP and UDP trackers as well as ws.
    const torrentFile = path.join(work, 'class.torrent');
    writeFileSync(torrentFile, await (await request.get('/class.torrent')).body());

    const pages = await Promise.all(contexts.map((c) => newWatchedPage(c, watch)));
    await Promise.all(
      pages.map(async (page, i) => {
        await page.goto('/join');
        await page.getByLabel('Your nickname').fill(BROWSERS[i]!);
        await page.getByRole('button', { name: 'Join the class swarm' }).click();
      }),
    );
    for (const name of CLIENTS)
      clients.push(await startClient(name, torrentFile, host({ label: name.toLowerCase() })));

    // Watch the model while they download: the projector must see the desktop clients.
    await Promise.all(clients.map((c) => c.finished));
    const expected = hashFiles(PACK_DIR);
    for (const client of clients) {
      expect(hashFiles(path.join(client.downloadDir, 'swarmlab-class-pack')), client.name).toEqual(
        expected,
      );
    }
    for (const page of pages) {
      await expect(page.getByTestId('phase')).toHaveText(/^Done/, { timeout: 180_000 });
      await expect(page.getByTestId('progress')).toHaveText('100%');
    }

    // aria2 (--seed-time=0) has hung up by now; the model keeps it, at 100%, for a while.
    const done = (p: PeerState | undefined, pieceCount: number) => p?.have === pieceCount;
    await expect
      .poll(
        async () => {
          const swarm = (await (await request.get(`${baseURL}/api/swarm`)).json()) as SwarmSnapshot;
          const pieceCount = swarm.torrent!.pieceCount;
          const desktop = swarm.peers.filter((p) => p.kind === 'desktop');
          return {
            aria2: done(
              desktop.find((p) => p.client.startsWith('aria2')),
              pieceCount,
            ),
            Transmission: done(
              desktop.find((p) => p.client.startsWith('Transmission')),
              pieceCount,
            ),
            ...Object.fromEntries(
              BROWSERS.map((nick) => [
                nick,
                done(
                  swarm.peers.find((p) => p.kind === 'browser' && p.nickname === nick),
                  pieceCount,
                ),
              ]),
            ),
          };
        },
        { timeout: 30_000, message: 'every peer at 100% in /api/swarm' },
      )
      .toEqual(
        Object.fromEntries(['aria2', 'Transmission', ...BROWSERS].map((name) => [name, true])),
      );
  } finally {
    for (const client of clients) await client.stop();
    await Promise.all(contexts.map((c) => c.close()));
    await rm(work, { recursive: true, force: true });
  }
});
