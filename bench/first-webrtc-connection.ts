/**
 * How long a browser takes to connect to the lab's seeder over WebRTC, from adding the torrent
 * to the first open wire, measured in real Chromium pages on the classroom's lab-host address
 * (`npm run bench:webrtc` runs it through tests/support/in-classroom.ts).
 * Runs the lab with the end-of-candidates fix (default) and without it (stock polyfill), and
 * prints both medians and their ratio.
 *
 *   npm run bench:webrtc -- [runs=7]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLab } from '../lab-server/lab';
import { buildIsCurrent, buildSite } from '../lab-server/site';
import { launchIn } from '../tests/support/chromium';
import { joinClassroom } from '../tests/support/classroom';
import { testAddress } from '../tests/support/net';

const runs = Number(process.argv[2] ?? 7);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function measure(fastStart: boolean): Promise<number[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-bench-'));
  const address = testAddress();
  const lab = createLab({
    port: 0,
    torrentPort: 0,
    publicAddress: address,
    dataDir,
    packMiB: 2,
    webrtcFastStart: fastStart,
  });
  const running = await lab.listen();
  // The browser on an attendee host of its own, as an attendee's laptop is.
  const room = joinClassroom();
  const browser = await launchIn(room.addHost({ label: 'browser' }));
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://${address}:${running.port}/join`);
      await page.getByLabel('Your nickname').fill(`bench-${i}`);
      await page.getByRole('button', { name: 'Join the class swarm' }).click();
      const ms = Number(
        await page.getByTestId('first-peer-ms').getAttribute('data-ms', { timeout: 90_000 }),
      );
      times.push(ms);
      process.stdout.write(
        `  ${fastStart ? 'fixed' : 'stock'} run ${i + 1}/${runs}: ${(ms / 1000).toFixed(2)} s\n`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await room.close();
    await lab.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return times;
}

if (!buildIsCurrent()) await buildSite((line) => console.log(line));
console.log(`First WebRTC connection, browser → lab seeder (${runs} runs each)`);
const fixed = await measure(true);
const stock = await measure(false);
const mFixed = median(fixed);
const mStock = median(stock);
console.log(
  `\nwith end-of-candidates fix: median ${(mFixed / 1000).toFixed(2)} s (min ${(Math.min(...fixed) / 1000).toFixed(2)}, max ${(Math.max(...fixed) / 1000).toFixed(2)})`,
);
console.log(
  `stock polyfill:              median ${(mStock / 1000).toFixed(2)} s (min ${(Math.min(...stock) / 1000).toFixed(2)}, max ${(Math.max(...stock) / 1000).toFixed(2)})`,
);
console.log(
  `speed-up: ${(mStock / mFixed).toFixed(1)}×   target: median < 3 s → ${mFixed < 3000 ? 'met' : 'NOT met'}`,
);
process.exit(0);
