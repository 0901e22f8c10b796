import { expect, test } from './fixtures';

/**
 * The interactive diagrams on their gallery page, in real Chromium: the swarm plays and obeys
 * its controls, the wire messages step with their BEP 3 bytes, the controls work from the
 * keyboard, and reduced motion starts everything still. The fixtures fail a test on any
 * request that leaves the machine and on any console error.
 */

test('PieceExchange plays and switches strategy; HandshakeSequence steps through its bytes', async ({
  page,
  watch,
}) => {
  watch(page);
  await page.goto('/lab/diagrams');

  const pe = page.locator('[data-diagram="piece-exchange"]');
  await expect(pe).toHaveAttribute('aria-label', /simulated swarm/);
  await expect(pe.locator('figcaption')).toContainText('The seed (top) has every piece');
  // It plays by itself when on screen: pieces reach the peers.
  await expect(pe.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(
    pe.locator('[data-testid=pe-holdings] li:not([data-have="0"])').first(),
  ).toBeAttached({
    timeout: 20_000,
  });
  expect(Number(await pe.getByTestId('pe-delivered').textContent())).toBeGreaterThan(0);

  await pe.getByRole('radio', { name: 'Sequential' }).check();
  await expect(pe.getByRole('radio', { name: 'Sequential' })).toBeChecked();
  await expect(pe.getByRole('radio', { name: 'Rarest first' })).not.toBeChecked();

  // Paused, Step moves the simulation by one simulated second.
  await pe.getByRole('button', { name: 'Pause' }).click();
  const before = Number.parseFloat((await pe.getByTestId('pe-time').textContent())!);
  await pe.getByRole('button', { name: 'Step 1 simulated second' }).click();
  await expect
    .poll(async () => Number.parseFloat((await pe.getByTestId('pe-time').textContent())!))
    .toBeCloseTo(before + 1, 5);

  await pe.getByRole('button', { name: 'Add peer' }).click();
  await expect(pe.getByTestId('pe-done')).toHaveText(/of 8$/);
  await pe.getByRole('button', { name: 'The seed leaves' }).click();
  await expect(pe.getByRole('button', { name: 'The seed leaves' })).toBeDisabled();

  const hs = page.locator('[data-diagram="handshake-sequence"]');
  await hs.scrollIntoViewIfNeeded();
  await expect(hs.getByTestId('hs-title')).toHaveText('You → Peer: handshake');
  await expect(hs).toContainText('68 bytes on the wire');
  await expect(hs).toContainText('42 69 74 54 6f 72 72 65 6e 74 20 70 72 6f 74 6f 63 6f 6c');
  for (const title of [
    'Peer → You: handshake',
    'Peer → You: bitfield',
    'You → Peer: interested',
    'Peer → You: unchoke',
    'You → Peer: request(3, 0, 16384)',
  ]) {
    await hs.getByRole('button', { name: 'Next message' }).click();
    await expect(hs.getByTestId('hs-title')).toHaveText(title);
  }
  // request: length 13, id 6, then index, begin, length as 4-byte big-endian integers.
  await expect(hs).toContainText('17 bytes on the wire');
  for (const hex of ['00 00 00 0d', '06', '00 00 00 03', '00 00 00 00', '00 00 40 00']) {
    await expect(hs.locator('code', { hasText: new RegExp(`^${hex}$`) }).first()).toBeVisible();
  }
  await hs.getByRole('button', { name: 'Previous message' }).click();
  await expect(hs.getByTestId('hs-title')).toHaveText('Peer → You: unchoke');
  await expect(hs.getByTestId('hs-step')).toHaveText('5 / 8');
});

test('the diagrams work from the keyboard', async ({ page, watch }) => {
  watch(page);
  await page.goto('/lab/diagrams');

  const hs = page.locator('[data-diagram="handshake-sequence"]');
  const next = hs.getByRole('button', { name: 'Next message' });
  await next.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  await expect(hs.getByTestId('hs-step')).toHaveText('3 / 8');
  await page.keyboard.press('Tab');
  await expect(hs.getByRole('button', { name: 'Restart' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(hs.getByTestId('hs-step')).toHaveText('1 / 8');
  // The focused control shows a ring.
  const outline = await hs
    .getByRole('button', { name: 'Restart' })
    .evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');

  // A radio group moves with the arrow keys.
  const pe = page.locator('[data-diagram="piece-exchange"]');
  await pe.getByRole('radio', { name: 'Rarest first' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(pe.getByRole('radio', { name: 'Random' })).toBeChecked();

  // A slider moves with the arrow keys, and the numbers follow.
  const ss = page.locator('[data-diagram="swarm-scaling"]');
  await ss.scrollIntoViewIfNeeded();
  await expect(ss.getByTestId('ss-client-server')).toHaveText('200 s');
  await ss.getByRole('slider', { name: 'N, peers downloading' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(ss.getByTestId('ss-client-server')).toHaveText('210 s');
  await expect(ss.getByTestId('ss-measured')).toHaveText(/^\d+(\.\d+)? s$/, { timeout: 20_000 });

  const ct = page.locator('[data-diagram="choking-timeline"]');
  await ct.scrollIntoViewIfNeeded();
  await ct.getByRole('button', { name: 'Restart' }).click();
  await ct.getByRole('button', { name: 'Next round' }).focus();
  await page.keyboard.press('Enter');
  await expect(ct.getByTestId('ct-time')).toHaveText('t = 10 s of 120 s');

  const dht = page.locator('[data-diagram="dht-lookup"]');
  await dht.scrollIntoViewIfNeeded();
  await expect(dht.getByTestId('dht-round')).toHaveText('Before the first query');
  const nextRound = dht.getByRole('button', { name: 'Next round' });
  await nextRound.focus();
  while (await nextRound.isEnabled()) await page.keyboard.press('Enter');
  await expect(dht.getByTestId('dht-peers').locator('li')).toHaveCount(3);
});

test('with reduced motion everything starts still and can still be stepped', async ({
  page,
  watch,
}) => {
  watch(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/lab/diagrams');
  const pe = page.locator('[data-diagram="piece-exchange"]');
  await expect(pe.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.waitForTimeout(1000);
  await expect(pe.getByTestId('pe-time')).toHaveText('0.0 s');
  await pe.getByRole('button', { name: 'Step 1 simulated second' }).click();
  await expect(pe.getByTestId('pe-time')).toHaveText('1.0 s');

  const ct = page.locator('[data-diagram="choking-timeline"]');
  await ct.scrollIntoViewIfNeeded();
  await expect(ct.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(ct.getByTestId('ct-time')).toHaveText('t = 10 s of 120 s');
});
