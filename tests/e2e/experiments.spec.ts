/**
 * The instructor's experiments on a real swarm of Chromium pages and the lab's real seeder:
 * the instructor acts through its token-holding socket (or its page), attendees' pages show
 * the effect. Every test resets the experiments, so the specs that follow see a normal lab.
 */
import type { Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/protocol';
import type { SwarmSnapshot } from '../../lib/swarm-model';
import { expect, newWatchedPage, test } from './fixtures';

const base = `http://${process.env.SWARMLAB_E2E_ADDRESS}:${process.env.SWARMLAB_E2E_PORT}`;
const token = process.env.SWARMLAB_E2E_TOKEN!;

let instructor: Socket<ServerToClientEvents, ClientToServerEvents>;

test.beforeEach(() => {
  instructor = io(base, { transports: ['websocket'], auth: { token } });
});

test.afterEach(async () => {
  const reply = await instructor.emitWithAck('experiment:reset');
  instructor.disconnect();
  expect(reply.ok, reply.error).toBe(true);
});

async function join(page: Page, nickname: string) {
  await page.goto('/join');
  await page.getByLabel('Your nickname').fill(nickname);
  await page.getByRole('button', { name: 'Join the class swarm' }).click();
}

/** The page's piece map: 'seeder', 'peer' or 'missing' for each piece. */
const pieceMap = (page: Page) =>
  page
    .getByTestId('piece-map')
    .locator('span')
    .evaluateAll((spans) => spans.map((s) => s.getAttribute('data-piece') ?? 'missing'));

const verified = (map: string[]) => map.flatMap((p, i) => (p === 'missing' ? [] : [i]));
/**
 * Verified pieces form 0..k-1. webtorrent's sequential strategy first asks a new wire for one
 * piece from the end (its `validateWire`, before the wire has sent anything), so the last
 * piece may be there too; nothing else may.
 */
const isPrefix = (map: string[]) =>
  verified(map)
    .filter((piece) => piece !== map.length - 1)
    .every((piece, i) => piece === i);

async function peerIdOf(nickname: string): Promise<string> {
  let id: string | undefined;
  await expect(async () => {
    const swarm = (await (await fetch(`${base}/api/swarm`)).json()) as SwarmSnapshot;
    id = swarm.peers.find((p) => p.nickname === nickname)?.id;
    expect(id).toBeTruthy();
  }).toPass();
  return id!;
}

test('seeder paused → pieces still flow between attendees', async ({ browser, watch }) => {
  const [a, b] = await Promise.all(
    [1, 2].map(async () => newWatchedPage(await browser.newContext(), watch)),
  );
  // A head start: Ada downloads at a throttled pace until she holds a fifth of the pack.
  await instructor.emitWithAck('experiment:set', { seederUploadLimit: 1024 * 1024 });
  await join(a!, 'Ada');
  await expect
    .poll(async () => verified(await pieceMap(a!)).length, { timeout: 30_000 })
    .toBeGreaterThan(0);
  const total = (await pieceMap(a!)).length;
  await expect
    .poll(async () => verified(await pieceMap(a!)).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(Math.ceil(total / 5));

  expect((await instructor.emitWithAck('experiment:set', { seederPaused: true })).ok).toBe(true);
  await expect(a!.getByTestId('instructor-notes')).toContainText('paused the seeder');
  const held = verified(await pieceMap(a!)).length;
  await join(b!, 'Grace');
  await expect(b!.getByTestId('instructor-notes')).toContainText('paused the seeder');
  // Grace gets what Ada holds, piece by piece, from Ada: the paused seeder sends nothing.
  const counts: number[] = [];
  await expect
    .poll(
      async () => {
        const n = verified(await pieceMap(b!)).length;
        counts.push(n);
        return n;
      },
      { timeout: 30_000, intervals: [250] },
    )
    .toBeGreaterThanOrEqual(held);
  const map = await pieceMap(b!);
  expect(map.filter((p) => p === 'seeder')).toEqual([]);
  expect(map.filter((p) => p === 'peer').length).toBeGreaterThanOrEqual(held);
  console.log(
    `Grace's pieces while the seeder was paused: ${counts.join(' → ')} (Ada held ${held})`,
  );
  await Promise.all([a!, b!].map((p) => p.context().close()));
});

test('a free-rider uploads nothing until unmarked', async ({ browser, watch }) => {
  const [a, b] = await Promise.all(
    [1, 2].map(async () => newWatchedPage(await browser.newContext(), watch)),
  );
  await instructor.emitWithAck('experiment:set', { seederUploadLimit: 1024 * 1024 });
  await join(a!, 'Rider');
  await expect
    .poll(async () => verified(await pieceMap(a!)).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(20);
  const id = await peerIdOf('Rider');
  const marked = await instructor.emitWithAck('experiment:set', {
    freeRider: { peerId: id, on: true },
    seederPaused: true,
  });
  expect(marked.ok, marked.error).toBe(true);
  await expect(a!.getByTestId('free-rider')).toBeVisible();

  // The seeder is paused and Rider holds pieces but shares none: a newcomer gets nothing.
  await join(b!, 'Newcomer');
  await expect(b!.getByTestId('piece-map')).toBeVisible();
  await b!.waitForTimeout(5000);
  expect(verified(await pieceMap(b!))).toEqual([]);

  await instructor.emitWithAck('experiment:set', { freeRider: { peerId: id, on: false } });
  await expect(a!.getByTestId('instructor-notes')).toContainText('no longer a free-rider');
  await expect
    .poll(async () => verified(await pieceMap(b!)).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(5);
  await Promise.all([a!, b!].map((p) => p.context().close()));
});

test('sequential → piece maps fill in order; rarest first does not', async ({ browser, watch }) => {
  // Slow enough to watch: 128 KB/s is two 64 KiB pieces a second.
  await instructor.emitWithAck('experiment:set', {
    strategy: 'sequential',
    seederUploadLimit: 128 * 1024,
  });
  const seq = await newWatchedPage(await browser.newContext(), watch);
  await join(seq, 'Seq');
  await expect(seq.getByTestId('instructor-notes')).toContainText('sequential');
  // Sample the map as it fills, up to 8 pieces: every sample must be in order.
  const samples: number[] = [];
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && (samples.at(-1) ?? 0) < 8) {
    await seq.waitForTimeout(400);
    const map = await pieceMap(seq);
    expect(isPrefix(map), `not in order: ${verified(map).join(',')}`).toBe(true);
    samples.push(verified(map).length);
  }
  expect(samples.at(-1)!).toBeGreaterThanOrEqual(8);
  // Watched as it grew, not in one jump.
  expect(new Set(samples.filter((n) => n > 0)).size).toBeGreaterThanOrEqual(3);
  console.log(`sequential piece counts sampled: ${samples.join(' ')}`);
  await seq.context().close();

  // Super-seeding off for this half: a super-seeding lab shows a lone peer its pieces a few at a
  // time, lowest index first, so the seeder's order would hide the page's own rarest-first pick
  // (CI once saw 0..7 in order here).
  const rarest = await instructor.emitWithAck('experiment:set', {
    strategy: 'rarest',
    superSeed: false,
  });
  expect(rarest.ok, rarest.error).toBe(true);
  const rare = await newWatchedPage(await browser.newContext(), watch);
  await join(rare, 'Rare');
  await expect
    .poll(async () => verified(await pieceMap(rare)).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(6);
  // With one source every piece is equally rare, and ties are broken at random.
  const map = await pieceMap(rare);
  expect(isPrefix(map), `rarest first filled in order: ${verified(map).join(',')}`).toBe(false);
  await rare.context().close();
});

test('new round → the page switches to the new info hash and reaches 100%', async ({
  browser,
  watch,
}) => {
  const page = await newWatchedPage(await browser.newContext(), watch);
  const before = (await (await fetch(`${base}/api/lab`)).json()) as {
    torrent: { infoHash: string };
  };
  await join(page, 'Rounder');
  await expect(page.getByTestId('phase')).toHaveText(/^Downloading|^Done/, { timeout: 30_000 });

  const reply = await instructor.emitWithAck('experiment:round');
  expect(reply.ok, reply.error).toBe(true);
  const fresh = reply.state.infoHash!;
  expect(fresh).not.toBe(before.torrent.infoHash);
  const after = (await (await fetch(`${base}/api/lab`)).json()) as {
    torrent: { infoHash: string; magnet: string };
  };
  expect(after.torrent.infoHash).toBe(fresh);
  expect(after.torrent.magnet).toContain(fresh);

  await expect(page.getByTestId('instructor-notes')).toContainText(
    `started round ${reply.state.round}`,
  );
  await expect(page.getByTestId('info-hash')).toHaveAttribute('data-info-hash', fresh);
  await expect(page.getByTestId('phase')).toHaveText(/^Done/, { timeout: 60_000 });
  await expect(page.getByTestId('progress')).toHaveText('100%');
  await page.context().close();
});

test('kick → the page is told, and the projector and /api/swarm drop it', async ({
  browser,
  watch,
}) => {
  const projector = await newWatchedPage(
    await browser.newContext({ viewport: { width: 1600, height: 900 } }),
    watch,
  );
  await projector.goto('/projector');
  const desk = await newWatchedPage(
    await browser.newContext({ viewport: { width: 1280, height: 1000 } }),
    watch,
  );
  await desk.goto(`/instructor#token=${token}`);
  const page = await newWatchedPage(await browser.newContext(), watch);
  await join(page, 'Kicked');
  const id = await peerIdOf('Kicked');
  const row = projector.locator('[data-testid=peer-list] [data-nickname="Kicked"]');
  await expect(row).toBeVisible();

  // Free-rider first, from the instructor's page: the attendee and the projector both say so.
  const mine = desk.locator(`[data-testid=experiment-peers] tr[data-peer-id="${id}"]`);
  // The box follows the lab's state (it ticks once the lab agrees), so click rather than check().
  await mine.getByRole('checkbox').click();
  await expect(mine.getByRole('checkbox')).toBeChecked();
  await expect(page.getByTestId('free-rider')).toBeVisible();
  await expect(row.getByTestId('free-rider-badge')).toBeVisible();
  await expect(desk.getByTestId('status-free-riders')).toHaveText('1 free-rider');
  await desk.screenshot({ path: 'test-results/instructor-experiments.png', fullPage: true });
  await page.screenshot({ path: 'test-results/join-free-rider.png', fullPage: true });
  await projector.screenshot({ path: 'test-results/projector-free-rider.png' });
  await expect(projector.getByTestId('projector-experiment')).toContainText('1 free-rider');

  await mine.getByRole('button', { name: 'Kick' }).click();
  await mine.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(page.getByTestId('kicked')).toContainText(
    'The instructor removed you from the swarm',
  );
  await expect(row).toHaveCount(0);
  await expect(mine).toHaveCount(0);
  const swarm = (await (await fetch(`${base}/api/swarm`)).json()) as SwarmSnapshot;
  expect(swarm.peers.some((p) => p.id === id)).toBe(false);
  await page.screenshot({ path: 'test-results/join-kicked.png' });
  await Promise.all([projector, desk, page].map((p) => p.context().close()));
});
