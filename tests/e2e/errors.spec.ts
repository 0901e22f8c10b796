/**
 * What an attendee reads when something is wrong: WebRTC switched off in the browser, and the
 * lab going away and coming back. The second test runs a lab of its own (the shared e2e lab must
 * stay up for the other specs), stops it under a joined page and starts it again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PEER_MESSAGES } from '../../lib/browser/peer-messages';
import { freePort } from '../support/net';
import { expect, newWatchedPage, test } from './fixtures';

const ADDRESS = process.env.SWARMLAB_E2E_ADDRESS!;

test('with WebRTC switched off, /join says so and suggests a desktop client', async ({
  browser,
  watch,
}) => {
  const context = await browser.newContext();
  // What a browser with WebRTC disabled by policy or an extension looks like to the page.
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    delete w.RTCPeerConnection;
    delete w.webkitRTCPeerConnection;
  });
  const page = await newWatchedPage(context, watch);
  await page.goto('/join');
  await page.getByLabel('Your nickname').fill('NoRTC');
  await page.getByRole('button', { name: 'Join the class swarm' }).click();
  await expect(page.getByText(PEER_MESSAGES.noWebRTC)).toBeVisible();
  await context.close();
});

/** A lab process of this test's own, on its own port, sharing the built site. */
function startLab(port: number, dataDir: string): { proc: ChildProcess; ready: Promise<void> } {
  // node itself (not npx): the signal must reach the lab, not a wrapper.
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'lab-server/cli.ts',
      '--port',
      String(port),
      '--torrent-port',
      '0',
      '--address',
      ADDRESS,
      '--data-dir',
      dataDir,
      '--pack-size',
      '2',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = (async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`the lab exited: ${stderr}`);
      // The site, not only the APIs: /api/health answers while the site is still starting.
      const ok = await fetch(`http://127.0.0.1:${port}/join`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the lab did not start in 60 s: ${stderr}`);
  })();
  return { proc, ready };
}

function stopLab(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    proc.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

test('the lab stops under a joined page: the page says so, and carries on when it is back', async ({
  browser,
}) => {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-e2e-restart-'));
  const base = `http://${ADDRESS}:${port}`;
  let lab = startLab(port, dataDir);
  const context = await browser.newContext();
  try {
    await lab.ready;
    // Not a watched page: while the lab is down, Chromium logs the failed reconnects as console
    // errors, and that is the point of this test. Requests off the machine still fail it.
    const page = await context.newPage();
    const external: string[] = [];
    page.on('request', (req) => {
      const host = new URL(req.url()).hostname;
      if (![ADDRESS, '127.0.0.1'].includes(host) && !req.url().startsWith('blob:'))
        external.push(req.url());
    });

    await page.goto(`${base}/join`);
    await page.getByLabel('Your nickname').fill('Restart');
    await page.getByRole('button', { name: 'Join the class swarm' }).click();
    await expect(page.getByTestId('phase')).toHaveText(/^Done/, { timeout: 60_000 });

    await stopLab(lab.proc);
    // The hub's socket notices first; the tracker's warning may follow. Either says what is wrong.
    await expect(
      page.getByText(
        new RegExp(
          `${PEER_MESSAGES.labLost.slice(0, 30)}|${PEER_MESSAGES.trackerDown.slice(0, 30)}`,
        ),
      ),
    ).toBeVisible({ timeout: 20_000 });

    lab = startLab(port, dataDir);
    await lab.ready;
    await expect(page.getByText(PEER_MESSAGES.labBack)).toBeVisible({ timeout: 30_000 });
    // The new lab knows the page again (it said hello after reconnecting) and sees it as a seed.
    await expect
      .poll(
        async () => {
          const swarm = (await (await fetch(`${base}/api/swarm`)).json()) as {
            peers: { nickname: string; kind: string }[];
          };
          return swarm.peers.some((p) => p.nickname === 'Restart' && p.kind === 'browser');
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(external).toEqual([]);
  } finally {
    await context.close();
    await stopLab(lab.proc);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
