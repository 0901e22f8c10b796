/**
 * A reconnect storm: N attendees (500 by default) each hold a socket.io connection (hello, as a
 * page does) and a WebSocket tracker connection (an announce for the class torrent, as
 * WebTorrent does). Within a 10 s window each one drops both at a random moment and rejoins at
 * once: the Wi-Fi of a room hiccupping. Prints the time until all are back, the lab process's CPU
 * and RSS, errors, and checks the lab's own figures against the clients: the swarm model and the
 * tracker's scrape must count exactly N attendees afterwards (no ghost left by a dropped socket).
 * The lab runs as its own process on 127.0.0.1 (`--no-site`, no seeding), so its CPU is its own.
 *
 *   npm run bench:storm -- [clients=500] [window-seconds=10]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import type { ClientToServerEvents, ServerToClientEvents } from '../lib/protocol';
import { peerHello } from '../lib/peer-hello';
import { bytesParam, freePortSync } from '../tests/support/net';

type LabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const clients = Number(process.argv[2] ?? 500);
const windowS = Number(process.argv[3] ?? 10);
const port = freePortSync();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-storm-'));
const base = `http://127.0.0.1:${port}`;

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'lab-server/cli.ts',
    '--no-site',
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--address',
    '127.0.0.1',
    '--torrent-port',
    '0',
    '--data-dir',
    dataDir,
    '--pack-size',
    '2',
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
await new Promise<void>((resolve, reject) => {
  child.stdout!.on('data', (d: Buffer) => d.toString().includes('is running') && resolve());
  child.on('exit', (code) => reject(new Error(`lab exited with ${code}`)));
});

/** CPU seconds and RSS of the lab process (Linux /proc). */
function labStats(): { cpu: number; rssMiB: number } {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
  return {
    cpu: (Number(fields[11]) + Number(fields[12])) / 100,
    rssMiB: Number(rss?.[1] ?? 0) / 1024,
  };
}

const lab = (await (await fetch(`${base}/api/lab`)).json()) as {
  torrent: { infoHash: string };
  trackers: { ws: string };
};
const infoHash = lab.torrent.infoHash;
const errors: string[] = [];

interface Attendee {
  peerId: Buffer;
  /** The pages' own hello (lib/peer-hello.ts): it shows the secret on a rejoin, as a page does. */
  hello: ReturnType<typeof peerHello>;
  hub: LabSocket | null;
  tracker: WebSocket | null;
}

/** Joins the hub (hello acked) and the tracker (announce answered without failure). */
async function join(a: Attendee): Promise<void> {
  const hello = new Promise<void>((resolve) => {
    const s: LabSocket = io(base, { transports: ['websocket'], reconnection: false });
    a.hub = s;
    s.on('connect_error', (err) => errors.push(`socket.io: ${err.message}`));
    s.on('connect', () =>
      a.hello(s, (res) => {
        if (!res.ok) errors.push(`hello: ${res.error}`);
        resolve();
      }),
    );
  });
  const announced = new Promise<void>((resolve) => {
    const ws = new WebSocket(lab.trackers.ws);
    a.tracker = ws;
    ws.on('error', (err) => {
      errors.push(`tracker: ${err.message}`);
      resolve();
    });
    ws.on('open', () =>
      ws.send(
        JSON.stringify({
          action: 'announce',
          info_hash: Buffer.from(infoHash, 'hex').toString('latin1'),
          peer_id: a.peerId.toString('latin1'),
          event: 'started',
          numwant: 0,
          uploaded: 0,
          downloaded: 0,
          left: 1000,
          offers: [],
        }),
      ),
    );
    ws.on('message', (data) => {
      const reply = JSON.parse(String(data)) as Record<string, unknown>;
      if (reply['failure reason']) errors.push(`announce: ${String(reply['failure reason'])}`);
      resolve();
    });
  });
  await Promise.all([hello, announced]);
}

function drop(a: Attendee) {
  // Abrupt, as a lost network is: no goodbye on either connection.
  (a.hub?.io.engine as { close?: () => void } | undefined)?.close?.();
  a.hub?.disconnect();
  a.tracker?.terminate();
}

async function counted(): Promise<{ model: number; tracker: number }> {
  const swarm = (await (await fetch(`${base}/api/swarm`)).json()) as { peers: unknown[] };
  const scrape = Buffer.from(
    await (await fetch(`${base}/scrape?info_hash=${bytesParam(infoHash)}`)).arrayBuffer(),
  ).toString('latin1');
  return {
    model: swarm.peers.length,
    tracker: Number(/10:incompletei(\d+)e/.exec(scrape)?.[1] ?? NaN),
  };
}

const attendees: Attendee[] = Array.from({ length: clients }, (_, i) => {
  const peerId = Buffer.concat([Buffer.from('-SW0001-'), randomBytes(10), Buffer.alloc(2)]);
  peerId.writeUInt16BE(i, 18);
  const hello = peerHello({ peerId: peerId.toString('hex'), nickname: `storm ${i}`, kind: 'bot' });
  return { peerId, hello, hub: null, tracker: null };
});
for (let i = 0; i < clients; i += 50) await Promise.all(attendees.slice(i, i + 50).map(join));
const joined = await counted();
console.log(`${clients} attendees joined: model ${joined.model}, tracker ${joined.tracker}`);

const before = labStats();
const started = performance.now();
let peakRss = before.rssMiB;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, labStats().rssMiB)), 200);
const backAt: number[] = [];
await Promise.all(
  attendees.map(
    (a) =>
      new Promise<void>((resolve) =>
        setTimeout(
          () => {
            drop(a);
            void join(a).then(() => {
              backAt.push(performance.now() - started);
              resolve();
            });
          },
          Math.random() * windowS * 1000,
        ),
      ),
  ),
);
const allBack = (performance.now() - started) / 1000;
await new Promise((r) => setTimeout(r, 1000)); // the last closes reach the lab
clearInterval(sampler);
const after = labStats();
const settled = await counted();
backAt.sort((x, y) => x - y);

console.log(`storm: ${clients} drop and rejoin within ${windowS} s`);
console.log(
  `all back after ${allBack.toFixed(2)} s (last rejoin ${(backAt.at(-1)! / 1000).toFixed(2)} s)`,
);
console.log(
  `lab CPU ${(after.cpu - before.cpu).toFixed(2)} s over ${allBack.toFixed(1)} s = ${((100 * (after.cpu - before.cpu)) / allBack).toFixed(0)}% of one core; ` +
    `RSS ${before.rssMiB.toFixed(0)} MiB before, peak ${peakRss.toFixed(0)} MiB, ${after.rssMiB.toFixed(0)} MiB after`,
);
console.log(`errors: ${errors.length}${errors.length ? ` (first: ${errors[0]})` : ''}`);
// The model also holds the lab's seeder: compare attendees only.
const labPeers = joined.model - clients;
const modelAttendees = settled.model - labPeers;
console.log(
  `afterwards: swarm model ${modelAttendees} attendees, tracker ${settled.tracker} leechers (expected ${clients} each: ${modelAttendees === clients && settled.tracker === clients ? 'ok' : 'MISMATCH'})`,
);

for (const a of attendees) drop(a);
child.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });
process.exit(errors.length || modelAttendees !== clients || settled.tracker !== clients ? 1 : 0);
