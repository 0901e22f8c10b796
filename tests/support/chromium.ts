/**
 * Debian's Chromium for Playwright (`npx playwright install` cannot download browsers here).
 * These flags keep it from phoning home: the lab must work with no internet.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const WRAPPER_DIR = '/tmp/swarmlab-chromium';

/**
 * An executable that starts Chromium inside network namespace `ns`, for Playwright's
 * `executablePath`: Playwright talks to the browser over a pipe (inherited file descriptors),
 * so a browser on an attendee host is driven exactly like a local one. Removed on exit.
 */
export function chromiumIn(ns: string): string {
  if (!/^[a-z0-9-]+$/.test(ns)) throw new Error(`not a classroom namespace name: "${ns}"`);
  mkdirSync(WRAPPER_DIR, { recursive: true });
  const file = path.join(WRAPPER_DIR, `${ns}.sh`);
  writeFileSync(file, `#!/bin/sh\nexec ip netns exec ${ns} ${CHROMIUM_PATH} "$@"\n`, {
    mode: 0o755,
  });
  process.once('exit', () => rmSync(file, { force: true }));
  return file;
}

/** A Chromium of its own on a classroom host (one per attendee: each its own laptop). */
export function launchIn(host: { ns: string }): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumIn(host.ns), args: CHROMIUM_ARGS });
}
