import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, newWatchedPage, test } from './fixtures';

const PACK_DIR = path.join(process.env.SWARMLAB_E2E_DATA!, 'swarmlab-class-pack');

function expectedHashes(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(PACK_DIR).map((name) => [
      name,
      createHash('sha256')
        .update(readFileSync(path.join(PACK_DIR, name)))
        .digest('hex'),
    ]),
  );
}

test('two laptops join, download the whole class pack, and the projector shows both at 100%', async ({
  browser,
  laptop,
  watch,
}) => {
  // Each attendee on a host of their own: they reach each other across the classroom's bridge.
  const laptops = await Promise.all([laptop(), laptop()]);
  const contexts = await Promise.all(laptops.map((b) => b.newContext()));
  const nicknames = ['Ada', 'Grace'];
  const pages = await Promise.all(contexts.map((c) => newWatchedPage(c, watch)));

  const projectorContext = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const projector = await newWatchedPage(projectorContext, watch);
  await projector.goto('/projector');

  await Promise.all(
    pages.map(async (page, i) => {
      await page.goto('/join');
      await page.getByLabel('Your nickname').fill(nicknames[i]!);
      await page.getByRole('button', { name: 'Join the class swarm' }).click();
    }),
  );

  for (const page of pages) {
    await expect(page.getByTestId('phase')).toHaveText(/^Done/, { timeout: 120_000 });
    await expect(page.getByTestId('progress')).toHaveText('100%');
  }

  // What an attendee saves, clicking each file, is byte for byte what the seeder has on disk.
  const expected = expectedHashes();
  for (const page of pages) {
    const got: Record<string, string> = {};
    for (const link of await page.getByTestId('file-link').all()) {
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const file = await download.path();
      got[download.suggestedFilename()] = createHash('sha256')
        .update(readFileSync(file))
        .digest('hex');
    }
    expect(got).toEqual(expected);
  }

  for (const nickname of nicknames) {
    await expect(
      projector.locator(`[data-testid=peer-list] [data-nickname="${nickname}"]`),
    ).toHaveAttribute('data-progress', '100');
  }
  await expect(projector.getByTestId('peer-count')).toHaveText('2');
  await projector.screenshot({ path: 'test-results/projector-two-peers.png' });

  await Promise.all([...contexts, projectorContext].map((c) => c.close()));
});

test('a nickname typed before the page’s script has run is kept (a slow phone)', async ({
  page,
  watch,
}) => {
  watch(page);
  // Hold the page's JavaScript back until the nickname is typed, as a slow connection does.
  let release!: () => void;
  const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_next/static/chunks/**', async (route) => {
    await scriptsHeld;
    await route.continue();
  });
  await page.goto('/join', { waitUntil: 'commit' });
  const nickname = page.getByLabel('Your nickname');
  await nickname.fill('Early Eve');
  const join = page.getByRole('button', { name: 'Join the class swarm' });
  await expect(join).toBeDisabled(); // the server's HTML, before React
  release();
  await expect(join).toBeEnabled({ timeout: 30_000 });
  await expect(nickname).toHaveValue('Early Eve');
});
