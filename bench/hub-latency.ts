/**
 * The telemetry hub under a class of light bots: N socket.io clients (300 by default) that speak
 * the telemetry protocol honestly (hello, then a progress report with a growing bitfield twice a
 * second), and one projector. Measures the time from a bot's report of a new piece to the
 * projector's delta showing it (p50, p95, max; target p95 ≤ 250 ms), and the lab process's CPU.
 * The lab runs as its own process (`npm start -- --no-site`), so its CPU is its own.
 *
 *   npx tsx bench/hub-latency.ts [bots=300] [seconds=20]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { bitfieldFrom, bitfieldToBase64 } from '../lib/bitfield';
import type { ClientToServerEvents, ServerToClientEvents } from '../lib/protocol';
import { applyDelta, type SwarmSnapshot } from '../lib/swarm-model';
import { freePortSync } from '../tests/support/net';

type LabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const bots = Number(process.argv[2] ?? 300);
const seconds = Number(process.argv[3] ?? 20);
const port = freePortSync();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-hub-'));
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
    '--torrent-port',
    '0',
    '--address',
    '127.0.0.1',
    '--data-dir',
    dataDir,
    '--pack-size',
    '24',
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
await new Promise<void>((resolve, reject) => {
  child.stdout!.on('data', (d: Buffer) => d.toString().includes('is running') && resolve());
  child.on('exit', (code) => reject(new Error(`lab exited with ${code}`)));
});

/** User + system CPU seconds of the lab process so far (Linux /proc). */
function labCpuSeconds(): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const lab = (await (await fetch(`${base}/api/lab`)).json()) as {
  torrent: { infoHash: string; pieceCount: number };
};
const { infoHash, pieceCount } = lab.torrent;
const hex = (n: number) => (0x5100 + n).toString(16).padStart(40, '0');
const sentAt = new Map<string, number>(); // `${peerId}:${have}` -> when reported
const latencies: number[] = [];

let view: SwarmSnapshot | null = null;
const projector: LabSocket = io(base, { transports: ['websocket'] });
await new Promise<void>((resolve) =>
  projector.on('connect', () =>
    projector.emit('projector:watch', (snap) => ((view = snap), resolve())),
  ),
);
projector.on('swarm:delta', (delta) => {
  const now = performance.now();
  view = applyDelta(view!, delta);
  for (const p of delta.upserted) {
    const at = sentAt.get(`${p.id}:${p.have}`);
    if (at !== undefined) {
      latencies.push(now - at);
      sentAt.delete(`${p.id}:${p.have}`);
    }
  }
});

const sockets: LabSocket[] = [];
for (let i = 0; i < bots; i++) {
  const s: LabSocket = io(base, { transports: ['websocket'] });
  await new Promise<void>((resolve) =>
    s.on('connect', () =>
      s.emit('peer:hello', { peerId: hex(i), nickname: `bot ${i}`, kind: 'bot' }, () => resolve()),
    ),
  );
  sockets.push(s);
}
console.log(`${bots} bots connected; measuring for ${seconds} s…`);

const cpuStart = labCpuSeconds();
const started = performance.now();
const have = new Array<number>(bots).fill(0);
const timers = sockets.map((s, i) =>
  setInterval(
    () => {
      have[i] = Math.min(pieceCount, have[i]! + 1);
      const n = have[i]!;
      sentAt.set(`${hex(i)}:${n}`, performance.now());
      s.emit('peer:progress', {
        infoHash,
        bitfield: bitfieldToBase64(bitfieldFrom(pieceCount, (p) => p < n)),
        downloaded: n * 16384,
        uploaded: 0,
        downloadRate: 32768,
        uploadRate: 0,
      });
    },
    500 + (i % 50),
  ),
);
await new Promise((r) => setTimeout(r, seconds * 1000));
for (const t of timers) clearInterval(t);
await new Promise((r) => setTimeout(r, 500));
const cpu = labCpuSeconds() - cpuStart;
const wall = (performance.now() - started) / 1000;

latencies.sort((a, b) => a - b);
const q = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
console.log(`reports measured: ${latencies.length}`);
console.log(
  `event → projector latency: p50 ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms, max ${q(1).toFixed(0)} ms (target p95 ≤ 250 ms: ${q(0.95) <= 250 ? 'met' : 'NOT met'})`,
);
console.log(
  `lab CPU: ${cpu.toFixed(1)} s over ${wall.toFixed(1)} s = ${((100 * cpu) / wall).toFixed(0)}% of one core for ${bots} bots at ~2 reports/s`,
);

for (const s of sockets) s.disconnect();
projector.disconnect();
child.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
