/**
 * The projector's swarm view under synthetic load: frames per second in headless Chromium
 * with 100 and 300 peers × 1,000 pieces, updated at the hub's ~10 Hz. Targets: ≥ 55 fps at
 * 100 peers, ≥ 30 fps at 300.
 *
 *   npx tsx bench/projector-fps.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { createLab } from '../lab-server/lab';
import { buildIsCurrent, buildSite } from '../lab-server/site';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/chromium';

const CASES = [
  { peers: 100, pieces: 1000, target: 55 },
  { peers: 300, pieces: 1000, target: 30 },
];

if (!buildIsCurrent()) await buildSite((line) => console.log(line));
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-fps-'));
const lab = createLab({
  port: 0,
  torrentPort: 0,
  dataDir,
  packMiB: 1,
  publicAddress: '127.0.0.1',
  seed: false,
});
const running = await lab.listen();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  for (const c of CASES) {
    const page = await browser.newPage({
      viewport: { width: 1920, height: 1080 },
      reducedMotion: process.env.REDUCED ? 'reduce' : 'no-preference',
    });
    await page.goto(
      `http://127.0.0.1:${running.port}/lab/projector-bench?peers=${c.peers}&pieces=${c.pieces}`,
    );
    await page.getByTestId('projector-bench').waitFor();
    await page.waitForTimeout(1000);
    // A string, not a function: tsx would wrap a function with helpers the page does not have.
    const fps = (await page.evaluate(`new Promise((resolve) => {
      let frames = 0;
      const start = performance.now();
      const tick = (now) => {
        frames++;
        if (now - start < 5000) requestAnimationFrame(tick);
        else resolve((frames * 1000) / (now - start));
      };
      requestAnimationFrame(tick);
    })`)) as number;
    console.log(
      `${c.peers} peers × ${c.pieces} pieces: ${fps.toFixed(1)} fps (target ≥ ${c.target}: ${fps >= c.target ? 'met' : 'NOT met'})`,
    );
    await page.close();
  }
} finally {
  await browser.close();
  await lab.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
