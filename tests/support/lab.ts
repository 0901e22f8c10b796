import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLab, type Lab, type RunningLab } from '../../lab-server/lab';
import type { LabConfigInput } from '../../lab-server/config';
import { testAddress } from './net';

export interface TestLab {
  lab: Lab;
  running: RunningLab;
  base: string;
  dataDir: string;
  close(): Promise<void>;
}

/** A real lab on free ports and the classroom's lab-host address, with a small class pack. */
export async function startTestLab(overrides: LabConfigInput = {}): Promise<TestLab> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-test-'));
  const lab = createLab({
    port: 0,
    torrentPort: 0,
    site: false,
    packMiB: 2,
    dataDir,
    ...overrides,
    // Only when the test names none: a loopback test (127.0.0.1) needs no classroom.
    publicAddress: overrides.publicAddress ?? testAddress(),
  });
  const running = await lab.listen();
  return {
    lab,
    running,
    dataDir,
    base: `http://${running.address}:${running.port}`,
    close: async () => {
      await lab.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
