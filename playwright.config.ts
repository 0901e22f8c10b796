import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/support/chromium';
import { freePortSync, lanAddress } from './tests/support/net';

// Each run starts a fresh class: the pack in the data dir is reused, but the round, experiments,
// privacy switch and class index a previous run left (the lab restores them) are not. Only in the
// main process, before the lab starts: workers load this file again while it runs.
const mainProcess = process.env.SWARMLAB_E2E_PORT === undefined;
// Chosen once in the main process; workers inherit the environment, so all agree on them.
process.env.SWARMLAB_E2E_PORT ??= String(freePortSync());
process.env.SWARMLAB_E2E_ADDRESS ??= lanAddress();
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
    // The LAN address, not localhost: this is what attendees open, and it is not a secure context.
    baseURL: `http://${address}:${port}`,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
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
