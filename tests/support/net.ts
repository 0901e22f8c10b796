import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import os from 'node:os';

/** The first non-internal IPv4 address: WebRTC in Node gathers no candidates on loopback. */
export function lanAddress(): string {
  for (const infos of Object.values(os.networkInterfaces())) {
    for (const info of infos ?? []) {
      if (info.family === 'IPv4' && !info.internal) return info.address;
    }
  }
  throw new Error(
    'This test needs a non-loopback IPv4 address (WebRTC gathers no candidates on loopback).',
  );
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
