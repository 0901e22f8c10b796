import type { Page } from '@playwright/test';
import { expect, newWatchedPage, test } from './fixtures';

const NICK = 'Late Lou';

/** What the completion chart says, as a person reads it. */
const chartText = async (projector: Page) => {
  const chart = projector.getByTestId('completion-chart');
  return {
    server: await chart.getByTestId('client-server-time').textContent(),
    swarm: await chart.getByTestId('p2p-time').textContent(),
    dots: await chart.locator('circle title').allTextContents(),
  };
};

test('a projector opened after a peer finished shows the same chart as one open throughout', async ({
  browser,
  watch,
}) => {
  const open = async () => {
    const page = await newWatchedPage(
      await browser.newContext({ viewport: { width: 1600, height: 900 } }),
      watch,
    );
    await page.goto('/projector');
    return page;
  };
  const throughout = await open();
  const attendee = await newWatchedPage(await browser.newContext(), watch);
  await attendee.goto('/join');
  await attendee.getByLabel('Your nickname').fill(NICK);
  await attendee.getByRole('button', { name: 'Join the class swarm' }).click();
  await expect(attendee.getByTestId('phase')).toHaveText(/^Done/, { timeout: 120_000 });
  // The attendee stays (seeding, as the page asks): the chart is of the peers in the swarm.

  const chart = throughout.getByTestId('completion-chart');
  await expect(chart.locator('circle title', { hasText: NICK })).toHaveCount(1);
  const late = await open();
  await expect(
    late.getByTestId('completion-chart').locator('circle title', { hasText: NICK }),
  ).toHaveCount(1);
  // Both read the lab's track once a second: the same reading, once both have the latest.
  await expect
    .poll(async () => JSON.stringify(await chartText(late)), { timeout: 5000 })
    .toBe(JSON.stringify(await chartText(throughout)));
  const figures = await chartText(late);
  // The bug this guards: a late page took the seeder's idle rate for its speed (minutes-long lines).
  expect(figures.server).not.toMatch(/min/);

  // The attendee leaves: the open projector keeps the round's figures (it went back to waiting).
  await attendee.context().close();
  await expect(throughout.getByTestId('completion-kept')).toBeVisible({ timeout: 60_000 });
  await expect(chart.locator('circle title', { hasText: NICK })).toHaveCount(1);
  // The figures are the last ones measured while the class was here, not blanks.
  expect((await chartText(throughout)).server).toMatch(/\d s$/);
});
