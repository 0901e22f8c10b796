/**
 * How close a real swarm gets to BitTorrent's theoretical best. N webtorrent peers in Node join
 * a real lab (its tracker, a real seeder) with the seeder's upload and every peer's upload
 * throttled, and we time how long until all of them hold the whole class pack. Compared with:
 *
 *   T_min = max(F/u_s, F/d_min, N·F/(u_s + Σu_i))   the peer-assisted lower bound
 *   T_cs  = N·F/u_s                                  client–server: the seeder sends N copies
 *
 *   npm run bench:swarm -- [--peers 8] [--pack 24] [--seed-rate 1] [--peer-rate 1]
 *                                     [--strategy rarest|sequential] [--super-seed]
 *
 * Rates are in MiB/s; --pack is the class pack's media size in MiB. Downloads are unthrottled,
 * so F/d_min is 0. Peers use TCP on the classroom's lab-host address (run it with
 * `npm run bench:swarm`, which goes through tests/support/in-classroom.ts), found through the
 * HTTP tracker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import parseTorrent from 'parse-torrent';
import WebTorrent from 'webtorrent';
import { createLab } from '../lab-server/lab';
import type { PieceStrategy } from '../lib/experiments';
import { createSeeder } from '../lab-server/seeder';
import { testAddress } from '../tests/support/net';

const MiB = 1024 * 1024;
const { values } = parseArgs({
  options: {
    peers: { type: 'string', default: '8' },
    pack: { type: 'string', default: '24' },
    'seed-rate': { type: 'string', default: '1' },
    'peer-rate': { type: 'string', default: '1' },
    // webtorrent's own default is sequential; real clients (and BitTorrent's analysis) use rarest first.
    strategy: { type: 'string', default: 'rarest' },
    // The seeder reveals pieces a few at a time (lab-server/super-seed.ts), as `npm start -- --super-seed`.
    'super-seed': { type: 'boolean', default: false },
  },
});
const N = Number(values.peers);
const packMiB = Number(values.pack);
const uS = Number(values['seed-rate']) * MiB;
const uI = Number(values['peer-rate']) * MiB;
const strategy = values.strategy;
if (
  !(N >= 1 && packMiB >= 1 && uS > 0 && uI >= 0) ||
  (strategy !== 'rarest' && strategy !== 'sequential')
) {
  console.error('usage: see the comment at the top of bench/swarm-efficiency.ts');
  process.exit(2);
}

const fmt = (s: number) => `${s.toFixed(1)} s`;

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-bench-swarm-'));
  const peerDir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-bench-peers-'));
  // The lab's own seeder is not throttled; bring one we can throttle, seeding the same files.
  const lab = createLab({
    port: 0,
    torrentPort: 0,
    site: false,
    seed: false,
    packMiB,
    publicAddress: testAddress(),
    dataDir,
  });
  const seeder = createSeeder({ torrentPort: 0, superSeed: values['super-seed'] });
  const peers: WebTorrent[] = [];
  try {
    const running = await lab.listen();
    const base = `http://${running.address}:${running.port}`;
    const torrentFile = Buffer.from(await (await fetch(`${base}/class.torrent`)).arrayBuffer());
    await seeder.seed(torrentFile, dataDir);
    seeder.throttleUpload(uS);

    // Only the HTTP tracker: these Node peers speak TCP, as desktop clients do.
    const parsed = await parseTorrent(torrentFile);
    parsed.announce = [running.info.trackers.http];
    const F = parsed.length as number;

    const start = Date.now();
    // Where the upload capacity goes: sampled once a second while the peers download.
    let seederBytes = 0;
    let peerBytes = 0;
    let samples = 0;
    const sampler = setInterval(() => {
      seederBytes += seeder.uploadRate();
      peerBytes += peers.reduce((sum, c) => sum + c.uploadSpeed, 0);
      samples++;
    }, 1000);
    const finishTimes = await Promise.all(
      Array.from({ length: N }, (_, i) => {
        const client = new WebTorrent({
          dht: false,
          lsd: false,
          natUpnp: false,
          natPmp: false,
          utp: false,
          webSeeds: false,
          torrentPort: 0,
        });
        client.throttleUpload(uI);
        peers.push(client);
        return new Promise<number>((resolve, reject) => {
          client.on('error', reject);
          const torrent = client.add(parsed, {
            path: path.join(peerDir, `peer-${i}`),
            strategy: strategy as PieceStrategy,
          });
          torrent.once('done', () => resolve((Date.now() - start) / 1000));
        });
      }),
    );
    clearInterval(sampler);
    const T = Math.max(...finishTimes);
    const tMin = Math.max(F / uS, (N * F) / (uS + N * uI));
    const tCs = (N * F) / uS;

    console.log(
      `\nSwarm efficiency — ${N} peers, F = ${(F / MiB).toFixed(2)} MiB, ${strategy} first${values['super-seed'] ? ', super-seeding' : ''}`,
    );
    console.log(
      `  u_s = ${(uS / MiB).toFixed(2)} MiB/s, u_i = ${(uI / MiB).toFixed(2)} MiB/s, d_i unthrottled`,
    );
    console.log(
      `  finish times: ${finishTimes
        .sort((a, b) => a - b)
        .map((t) => t.toFixed(1))
        .join(', ')} s`,
    );
    console.log(`  T        = ${fmt(T)}   (last peer complete)`);
    console.log(
      `  T_min    = ${fmt(tMin)}   (max of F/u_s = ${fmt(F / uS)}, N·F/(u_s+Σu_i) = ${fmt((N * F) / (uS + N * uI))})`,
    );
    console.log(`  T/T_min  = ${(T / tMin).toFixed(2)}   (target ≤ 1.30)`);
    console.log(`  T_cs     = ${fmt(tCs)}   (client–server, N·F/u_s)`);
    console.log(
      `  upload used: seeder ${(seederBytes / samples / MiB).toFixed(2)} of ${(uS / MiB).toFixed(2)} MiB/s ` +
        `(~${(seederBytes / F).toFixed(1)} copies of F), peers ${(peerBytes / samples / MiB).toFixed(2)} of ${((N * uI) / MiB).toFixed(2)} MiB/s`,
    );
    console.log(`  speed-up = ${(tCs / T).toFixed(1)}× over client–server\n`);
  } finally {
    await Promise.all(peers.map((c) => new Promise<void>((r) => c.destroy(() => r()))));
    await seeder.close();
    await lab.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(peerDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
