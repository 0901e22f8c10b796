import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { TEST_ADDRESS_ENV } from './classroom';

/**
 * The lab host's address in the classroom this process runs in (tests/support/in-classroom.ts
 * sets it). WebRTC in Node gathers no candidates on loopback, and tests never use the machine's
 * own external address: outside a classroom this throws, saying how to get into one.
 */
export function testAddress(env: Record<string, string | undefined> = process.env): string {
  const address = env[TEST_ADDRESS_ENV];
  if (!address)
    throw new Error(
      `This needs a non-loopback address in a classroom of network namespaces, and ` +
        `${TEST_ADDRESS_ENV} is unset. Run it through the classroom, as root: ` +
        '`npx tsx tests/support/in-classroom.ts -- <command>` (npm run test:integration and ' +
        'test:e2e do).',
    );
  if (!/^10\.233\.\d{1,3}\.\d{1,3}$/.test(address))
    throw new Error(`${TEST_ADDRESS_ENV}=${address} is not a classroom address (10.233.X.Y)`);
  return address;
}

/** A free TCP port, found synchronously (Playwright's config cannot await). */
export function freePortSync(): number {
  const out = execFileSync(
    process.execPath,
    [
      '-e',
      "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})",
    ],
    { encoding: 'utf8' },
  );
  return Number(out.trim());
}

/** A free TCP port (asynchronous, for code that can await). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * 20 raw bytes (an info hash) for a tracker URL: every byte percent-encoded. (`escape()` leaves
 * "+" alone, which the tracker reads as a space: an info hash with a 0x2b byte was refused.)
 */
export function bytesParam(bytes: Buffer | string): string {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'hex') : bytes;
  return [...buf].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}
