import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { joinClassroom } from './tests/support/classroom';
import { CHROMIUM_ARGS, chromiumIn } from './tests/support/chromium';
import { freePortSync, testAddress } from './tests/support/net';

// Each run starts a fresh class: the pack in the data dir is reused, but the round, experiments,
// privacy switch and class index a previous run left (the lab restores them) are not. Only in the
// main process, before the lab starts: workers load this file again while it runs.
const mainProcess = process.env.SWARMLAB_E2E_PORT === undefined;
// Chosen once in the main process; workers inherit the environment, so all agree on them.
// The whole run is in a classroom (`npm run test:e2e` goes through tests/support/in-classroom.ts):
// this process and the lab are on the lab host, and the default browser on an attendee host of
// its own, as an attendee's laptop is. Specs that need several laptops launch a Chromium per
// host (tests/support/chromium.ts `launchIn`).
process.env.SWARMLAB_E2E_ADDRESS ??= testAddress();
process.env.SWARMLAB_E2E_PORT ??= String(freePortSync());
// The host goes when the main process exits (and with the classroom in any case).
if (!process.env.SWARMLAB_E2E_BROWSER_NS) {
  const host = joinClassroom().addHost({ label: 'browser' });
  process.env.SWARMLAB_E2E_BROWSER_NS = host.ns;
  process.env.SWARMLAB_E2E_BROWSER_ADDRESS = host.address;
}
process.env.SWARMLAB_E2E_DATA ??= path.resolve('.lab-data/e2e');
if (mainProcess)
  for (const state of ['round.json', 'experiments.json', 'privacy.json', 'class-index.json'])
    rmSync(path.join(process.env.SWARMLAB_E2E_DATA, state), { force: true });
// A fresh instructor token per run, known to both the lab and the tests that act as the instructor.
process.env.SWARMLAB_E2E_TOKEN ??= randomBytes(18).toString('base64url');

const port = process.env.SWARMLAB_E2E_PORT;
const address = process.env.SWARMLAB_E2E_ADDRESS;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // One retry on CI: a real swarm on a loaded 2-core machine has rare timing flakes; a broken
  // test still fails twice, and the list reporter shows every retried test as flaky.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    // The lab host's classroom address, not localhost: what attendees open, not a secure context.
    baseURL: `http://${address}:${port}`,
    launchOptions: {
      executablePath: chromiumIn(process.env.SWARMLAB_E2E_BROWSER_NS),
      args: CHROMIUM_ARGS,
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `npx tsx lab-server/cli.ts --port ${port} --torrent-port 0 --address ${address} --data-dir ${process.env.SWARMLAB_E2E_DATA} --token=${process.env.SWARMLAB_E2E_TOKEN}`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: process.env.DEBUG ? 'pipe' : 'ignore',
    stderr: 'pipe',
  },
});
