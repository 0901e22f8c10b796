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
  /** Every warning (a client's bad data) and error (the lab's own failure) so far. */
  warnings: string[];
  errors: string[];
  /**
   * Warnings matching `pattern` are part of this test (a test that sends bad data on purpose).
   * Any other warning or error fails the test at close(), as bittorrent-tracker's own tests do.
   */
  expectWarning(pattern: RegExp): void;
  /** Errors matching `pattern` are expected too (rare: a test that breaks the lab's disk). */
  expectError(pattern: RegExp): void;
  /** Throws if a warning or error arrived that no expectation covers. */
  assertNoSurprises(): void;
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
  const warnings: string[] = [];
  const errors: string[] = [];
  const expectedWarnings: RegExp[] = [];
  const expectedErrors: RegExp[] = [];
  lab.on('warning', (err: Error) => warnings.push(err.message));
  // The lab's own exceptions are always printed, expected or not: they are bugs until shown not.
  lab.on('error', (err: Error) => {
    errors.push(err.message);
    console.error('lab error:', err);
  });
  const surprises = () => [
    ...warnings
      .filter((w) => !expectedWarnings.some((re) => re.test(w)))
      .map((w) => `warning: ${w}`),
    ...errors.filter((e) => !expectedErrors.some((re) => re.test(e))).map((e) => `error: ${e}`),
  ];
  const assertNoSurprises = () => {
    const unexpected = surprises();
    if (unexpected.length)
      throw new Error(
        `the lab reported ${unexpected.length} unexpected warning(s)/error(s):\n  ${unexpected.slice(0, 20).join('\n  ')}`,
      );
  };
  const running = await lab.listen();
  return {
    lab,
    running,
    dataDir,
    warnings,
    errors,
    base: `http://${running.address}:${running.port}`,
    expectWarning: (pattern) => void expectedWarnings.push(pattern),
    expectError: (pattern) => void expectedErrors.push(pattern),
    assertNoSurprises,
    close: async () => {
      try {
        await lab.close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
      assertNoSurprises();
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
