import { buildTimeline, type RecordLine, type RecordingSummary } from '../../lib/recording';
import { expect, newWatchedPage, test } from './fixtures';

const NICK = 'Replay Rita';

test('the live chart times a browser peer; the replay page plays it back, with exports', async ({
  browser,
  watch,
}) => {
  // The live projector watches from before the peer joins, so it sees when it finishes.
  const projector = await newWatchedPage(
    await browser.newContext({ viewport: { width: 1600, height: 900 } }),
    watch,
  );
  await projector.goto('/projector');

  // A real browser peer downloads the class pack, so the recording has something to show.
  const attendee = await newWatchedPage(await browser.newContext(), watch);
  await attendee.goto('/join');
  await attendee.getByLabel('Your nickname').fill(NICK);
  await attendee.getByRole('button', { name: 'Join the class swarm' }).click();
  await expect(attendee.getByTestId('phase')).toHaveText(/^Done/, { timeout: 120_000 });

  const chart = projector.getByTestId('completion-chart');
  await expect(chart.locator('circle title', { hasText: NICK })).toHaveCount(1);
  await expect(chart.getByTestId('client-server-time')).toHaveText(/\d s$/);
  await expect(chart.getByTestId('p2p-time')).toHaveText(/\d s$/);

  // The lab samples once a second: wait until its recording has Rita at 100%.
  const ritaInRecording = async () => {
    const list = (await (await projector.request.get('/api/recordings')).json()) as {
      recordings: RecordingSummary[];
    };
    const live = list.recordings.find((r) => r.live);
    if (!live) return null;
    const body = (await (
      await projector.request.get(`/api/recordings/${live.id}.json`)
    ).json()) as { lines: RecordLine[] };
    const timeline = buildTimeline(body.lines)!;
    const end = timeline.frames.at(-1)!;
    const rita = end.peers.find((p) => p.nickname === NICK);
    if (!rita || rita.have !== end.torrent?.pieceCount) return null;
    return { live, joinedAt: rita.joinedAt - timeline.startedAt };
  };
  await expect.poll(ritaInRecording, { timeout: 15_000 }).not.toBeNull();
  const { live, joinedAt } = (await ritaInRecording())!;

  await projector.goto('/projector/replay');
  const item = projector.locator(`[data-recording="${live.id}"]`);
  await expect(item).toContainText('this session');
  await item.getByRole('link', { name: 'Replay' }).click();
  await expect(projector.getByTestId('replay-badge')).toContainText('Replay · recorded');
  await expect(projector.getByTestId('replay-time')).toHaveText(/^\d+:\d\d \/ \d+:\d\d$/);

  // Just before Rita joined, she is not there; at 10× she appears and reaches 100%.
  const row = projector.locator(`[data-testid=peer-list] [data-nickname="${NICK}"]`);
  await projector
    .getByLabel('Position in the recording')
    .fill(String(Math.max(0, joinedAt - 1000)));
  await expect(row).toHaveCount(0);
  await projector.getByRole('button', { name: '10×' }).click();
  await projector.getByTestId('replay-play').click();
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(row).toHaveAttribute('data-progress', '100', { timeout: 30_000 });
  await expect(projector.getByTestId('p2p-time')).toHaveText(/\d s$/);

  // At 1× from the start, the clock runs; pause holds it. (At 10× it may still be playing, or
  // have reached the end of a short recording and stopped: 1× first, so it cannot end meanwhile.)
  await projector.getByRole('button', { name: '1×' }).click();
  await projector.getByLabel('Position in the recording').fill('0');
  const play = projector.getByTestId('replay-play');
  if (/Play/.test((await play.textContent()) ?? '')) await play.click();
  await expect(projector.getByTestId('replay-time')).toHaveText(/^0:0[1-9] /);
  await projector.getByRole('button', { name: /Pause/ }).click();
  await expect(projector.getByTestId('replay-play')).toHaveText(/Play/);
  const held = await projector.getByTestId('replay-time').textContent();
  await projector.waitForTimeout(1500);
  await expect(projector.getByTestId('replay-time')).toHaveText(held!);
  await projector.getByLabel('Position in the recording').fill(String(10 ** 9));
  await projector.screenshot({ path: 'test-results/replay.png' });

  // Both exports describe Rita reaching 100%.
  const csv = await (await projector.request.get(`/api/recordings/${live.id}.csv`)).text();
  expect(csv).toMatch(new RegExp(`,${NICK},browser,[^\\r\\n]*,100,`));
  const wide = await (
    await projector.request.get(`/api/recordings/${live.id}.csv?shape=wide`)
  ).text();
  expect(wide.split('\r\n')[0]).toContain(NICK);

  await projector.goto('/projector/replay?id=not-a-recording');
  await expect(projector.getByTestId('replay-error')).toContainText('is not a recording id');
});

test('the projector switches light and dark with a button or "t", and remembers it', async ({
  browser,
  watch,
}) => {
  const context = await browser.newContext({
    viewport: { width: 1600, height: 900 },
    colorScheme: 'light',
  });
  const page = await newWatchedPage(context, watch);
  await page.goto('/projector');
  const html = page.locator('html');
  const canvas = page.locator('canvas');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect(canvas).toHaveAttribute('data-theme', 'light');
  const surface = () =>
    page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--surface'));
  const light = await surface();

  await page.keyboard.press('t');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(canvas).toHaveAttribute('data-theme', 'dark');
  expect(await surface()).not.toBe(light);
  await page.screenshot({ path: 'test-results/projector-dark.png' });

  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('theme-toggle').click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect(canvas).toHaveAttribute('data-theme', 'light');
  await page.screenshot({ path: 'test-results/projector-light.png' });

  // The list of replays shares the choice.
  await page.goto('/projector/replay');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.keyboard.press('t');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await context.close();
});
