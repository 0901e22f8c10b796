import { execFileSync } from 'node:child_process';
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
