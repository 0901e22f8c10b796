/**
 * A class in a classroom of network namespaces (tests/support/classroom.ts): the real lab on
 * its own host with its uplink shaped by `tc`, N attendees (bots, bench/classroom-attendee.ts)
 * each on a host of its own with its uplink shaped too, all started at once. Prints each
 * attendee's finish time, T (the last) against the Kumar–Ross bound T_min (lib/sim/bounds.ts),
 * the share of bytes classmates sent (counted by each attendee host's own kernel), and the lab
 * process's CPU and peak RSS.
 *
 *   npm run bench:classroom -- [--attendees 8] [--pack 12] [--seed-mbit 4] [--peer-mbit 4]
 *                              [--no-super-seed]
 *
 * The lab runs with its defaults (super-seeding on; `--no-super-seed` is the lab's own flag,
 * passed through; `--super-seed`, the default now, is still accepted).
 * Rates are tbf limits in Mbit/s on IP packets; downloads are not shaped (F/d_min = 0).
 * Needs root (it builds the classroom); run it on an otherwise idle machine.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import { minDistributionTime } from '../lib/sim/bounds';
import { createClassroom, type Classroom, type ClassroomHost } from '../tests/support/classroom';

const { values } = parseArgs({
  options: {
    attendees: { type: 'string', default: '8' },
    pack: { type: 'string', default: '12' },
    'seed-mbit': { type: 'string', default: '4' },
    'peer-mbit': { type: 'string', default: '4' },
    'super-seed': { type: 'boolean', default: false },
    'no-super-seed': { type: 'boolean', default: false },
  },
});
const N = Number(values.attendees);
const packMiB = Number(values.pack);
const seedMbit = Number(values['seed-mbit']);
const peerMbit = Number(values['peer-mbit']);
if (!(Number.isInteger(N) && N >= 1 && N <= 60 && packMiB >= 1 && seedMbit > 0 && peerMbit > 0)) {
  console.error('usage: see the comment at the top of bench/classroom.ts');
  process.exit(2);
}
const MiB = 1024 * 1024;
const PORT = 3000;
const TIMEOUT_MS = 15 * 60_000;

function linesOf(child: ChildProcess, onLine: (line: string) => void): void {
  createInterface({ input: child.stdout! }).on('line', onLine);
}

/** utime + stime of a process, in seconds, and its resident set, in MiB (Linux /proc). */
function procUsage(pid: number): { cpu: number; rssMiB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpu: ticks / 100, rssMiB: Number(rss?.[1] ?? 0) / 1024 };
}

/** Count (no verdict) what arrives from the lab host and from anyone in the room. */
function countInbound(host: ClassroomHost, room: Classroom): void {
  host.run('iptables', ['-w', '-I', 'INPUT', '1', '-s', room.room]);
  host.run('iptables', ['-w', '-I', 'INPUT', '1', '-s', `${room.lab.address}/32`]);
  // The lab's TCP (tracker WebSocket, socket.io) apart from its WebRTC (UDP): what else uses its uplink.
  host.run('iptables', ['-w', '-I', 'INPUT', '1', '-s', `${room.lab.address}/32`, '-p', 'tcp']);
}

function inboundBytes(
  host: ClassroomHost,
  room: Classroom,
): { fromLab: number; fromLabTcp: number; total: number } {
  const rows = host
    .run('iptables', ['-w', '-L', 'INPUT', '-v', '-n', '-x'])
    .split('\n')
    .map((l) => l.trim().split(/\s+/));
  // iptables -L -v -x columns: pkts bytes target prot opt in out source destination; with no
  // target the row has one field less, and iptables-nft names protocols by number (0 all, 6 tcp).
  const bytes = (source: string, prot: string[] = ['0', 'all']) =>
    Number(rows.find((r) => r[6] === source && prot.includes(r[2]!))?.[1] ?? NaN);
  return {
    fromLab: bytes(room.lab.address),
    fromLabTcp: bytes(room.lab.address, ['6', 'tcp']),
    total: bytes(room.room),
  };
}

/** What each attendee prints about the blocks it received (bots.ts `blocks()`). */
interface BlocksLine {
  bySource: Record<string, { received: number; duplicate: number }>;
  hotswaps: Record<string, number>;
}

async function waitForLab(base: string, lab: ChildProcess): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (lab.exitCode !== null) throw new Error(`the lab exited with ${lab.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('the lab did not answer /api/health within 5 minutes');
}

async function main() {
  const room = createClassroom({
    lab: { upMbit: seedMbit },
    attendees: Array.from({ length: N }, () => ({ label: 'bot', upMbit: peerMbit })),
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-bench-classroom-'));
  const children: ChildProcess[] = [];
  try {
    const base = `http://${room.lab.address}:${PORT}`;
    const labArgs = ['--import', 'tsx', 'lab-server/cli.ts', '--no-site', '--port', String(PORT)];
    labArgs.push('--address', room.lab.address, '--data-dir', dataDir);
    labArgs.push('--pack-size', String(packMiB), `--token=${randomBytes(12).toString('hex')}`);
    if (values['no-super-seed']) labArgs.push('--no-super-seed');
    // `ip netns exec` execs node itself, so the child's pid is the lab's: /proc tells its CPU.
    const lab = room.lab.spawn(process.execPath, labArgs, {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(lab);
    await waitForLab(base, lab);
    const info = (await (await fetch(`${base}/api/lab`)).json()) as {
      torrent: { length: number };
    };
    const F = info.torrent.length;

    for (const host of room.attendees) countInbound(host, room);
    const ready: Promise<void>[] = [];
    const finished: Promise<number>[] = [];
    const ledgers: BlocksLine[] = [];
    const firstPieces: number[] = [];
    room.attendees.forEach((host, i) => {
      const child = host.spawn(
        process.execPath,
        ['--import', 'tsx', 'bench/classroom-attendee.ts', base, `Bench ${i + 1}`],
        { stdio: ['pipe', 'pipe', 'inherit'] },
      );
      children.push(child);
      let onReady: () => void = () => {};
      let onDone: (ms: number) => void = () => {};
      ready.push(new Promise((r) => (onReady = r)));
      finished.push(new Promise((r) => (onDone = r)));
      linesOf(child, (line) => {
        if (line === 'ready') onReady();
        const done = /^done (\d+)$/.exec(line);
        if (done) onDone(Number(done[1]));
        if (line.startsWith('blocks ')) ledgers.push(JSON.parse(line.slice(7)) as BlocksLine);
        const first = /^first (\d+)$/.exec(line);
        if (first) firstPieces.push(Number(first[1]));
      });
    });
    await Promise.all(ready);

    const attendeeCpu = () => children.slice(1).reduce((sum, c) => sum + procUsage(c.pid!).cpu, 0);
    const before = procUsage(lab.pid!);
    const attendeesBefore = attendeeCpu();
    let peakRss = before.rssMiB;
    const rssSampler = setInterval(() => {
      peakRss = Math.max(peakRss, procUsage(lab.pid!).rssMiB);
    }, 1000);
    // The lab host's own count of what it sends into the room, once a second: when its shaped
    // link was busy, and when the tail (classmates only) began.
    room.lab.run('iptables', ['-w', '-I', 'OUTPUT', '1', '-d', room.room]);
    const labSent = () =>
      Number(
        room.lab
          .run('iptables', ['-w', '-L', 'OUTPUT', '-v', '-n', '-x'])
          .split('\n')
          .map((l) => l.trim().split(/\s+/))
          .find((r) => r[7] === room.room && ['0', 'all'].includes(r[2]!))?.[1] ?? NaN,
      );
    const sentSamples: number[] = [labSent()];
    const sentSampler = setInterval(() => sentSamples.push(labSent()), 1000);
    const t0 = Date.now();
    for (const child of children.slice(1)) child.stdin!.write('go\n');
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error('the class did not finish in 15 minutes')),
        TIMEOUT_MS,
      ).unref(),
    );
    const finishTimes = (await Promise.race([Promise.all(finished), timeout])).map(
      (ms) => (ms - t0) / 1000,
    );
    const wall = (Date.now() - t0) / 1000;
    clearInterval(rssSampler);
    clearInterval(sentSampler);
    const after = procUsage(lab.pid!);
    const attendeesCores = (attendeeCpu() - attendeesBefore) / wall;

    const seederId = (
      (await (await fetch(`${base}/api/swarm`)).json()) as { peers: { id: string; kind: string }[] }
    ).peers.find((p) => p.kind === 'seeder')?.id;
    const counts = room.attendees.map((h) => inboundBytes(h, room));
    const fromLab = counts.reduce((a, c) => a + c.fromLab, 0);
    const fromLabTcp = counts.reduce((a, c) => a + c.fromLabTcp, 0);
    const total = counts.reduce((a, c) => a + c.total, 0);
    const uS = (seedMbit * 1e6) / 8;
    const uI = (peerMbit * 1e6) / 8;
    const tMin = minDistributionTime({
      fileSize: F,
      seedUpload: uS,
      uploads: Array.from({ length: N }, () => uI),
      downloads: Array.from({ length: N }, () => Infinity),
    });
    const T = Math.max(...finishTimes);
    const seederBound = F / uS >= (N * F) / (uS + N * uI);

    console.log(
      `\nClassroom — ${N} attendees on their own hosts, F = ${(F / MiB).toFixed(2)} MiB, ` +
        `lab ${values['no-super-seed'] ? '--no-super-seed' : 'defaults (super-seeding)'}`,
    );
    console.log(`  uplinks (tc tbf): lab ${seedMbit} Mbit/s, each attendee ${peerMbit} Mbit/s`);
    console.log(
      `  finish times: ${[...finishTimes]
        .sort((a, b) => a - b)
        .map((t) => t.toFixed(1))
        .join(', ')} s`,
    );
    console.log(`  T       = ${T.toFixed(1)} s   (last attendee complete)`);
    console.log(
      `  T_min   = ${tMin.toFixed(1)} s   (F/u_s = ${(F / uS).toFixed(1)} s, N·F/(u_s+Σu_i) = ` +
        `${((N * F) / (uS + N * uI)).toFixed(1)} s: ${seederBound ? 'the seeder' : 'the peers'} bound it)`,
    );
    console.log(`  T/T_min = ${(T / tMin).toFixed(2)}`);
    console.log(
      `  bytes received by attendees: ${(total / MiB).toFixed(1)} MiB (${(total / (N * F)).toFixed(3)} × N·F, with headers), ` +
        `from the lab ${(fromLab / MiB).toFixed(1)} MiB (~${(fromLab / F).toFixed(2)} copies of F)`,
    );
    console.log(`  share sent by classmates: ${(((total - fromLab) / total) * 100).toFixed(1)} %`);
    // The attendees' own block counts (lib/block-ledger.ts), up to each one's finish.
    const blocks = {
      seeder: { received: 0, duplicate: 0 },
      classmates: { received: 0, duplicate: 0 },
    };
    const swaps = { seeder: 0, classmates: 0 };
    for (const l of ledgers) {
      for (const [id, b] of Object.entries(l.bySource)) {
        const side = id === seederId ? blocks.seeder : blocks.classmates;
        side.received += b.received;
        side.duplicate += b.duplicate;
      }
      for (const [id, n] of Object.entries(l.hotswaps))
        swaps[id === seederId ? 'seeder' : 'classmates'] += n;
    }
    const pct = (b: { received: number; duplicate: number }) =>
      `${(b.received / MiB).toFixed(1)} MiB, ${(b.duplicate / MiB).toFixed(1)} MiB of it duplicate (${((b.duplicate / (b.received || 1)) * 100).toFixed(1)} %)`;
    console.log(
      `  blocks from the seeder: ${pct(blocks.seeder)}; from classmates: ${pct(blocks.classmates)}`,
    );
    console.log(
      `  hotswaps (blocks taken from a slow wire): from the seeder's wires ${swaps.seeder}, from classmates' ${swaps.classmates}`,
    );
    // What the lab's shaped link carried beyond the blocks: packet headers (IP, UDP, DTLS, SCTP),
    // BitTorrent's own messages, SCTP acks, and its TCP (tracker WebSocket, socket.io).
    const perBlock = fromLab / (blocks.seeder.received || 1);
    console.log(
      `  the lab's link: ${perBlock.toFixed(3)} × the block bytes the seeder sent; ` +
        `${(fromLabTcp / MiB).toFixed(2)} MiB of it TCP (tracker, socket.io)`,
    );
    if (seederBound) {
      // T/T_min = F/u_s split into its three factors: what the link carries per block byte,
      // how many copies of F the seeder sent, and T against the time the link needs for all of
      // it (first piece and tail). The first is WebRTC's and the OS's, the others the lab's.
      const copies = blocks.seeder.received / F;
      console.log(
        `  T/T_min = ${perBlock.toFixed(3)} (link bytes per block byte) × ${copies.toFixed(3)} ` +
          `(copies of F the seeder sent) × ${(T / (fromLab / uS)).toFixed(3)} (T ÷ the link's time for them)`,
      );
    }
    const firsts = firstPieces.map((ms) => (ms - t0) / 1000).sort((a, b) => a - b);
    console.log(
      `  first piece: ${firsts[0]?.toFixed(1)} s (first attendee), median ${firsts[Math.floor(firsts.length / 2)]?.toFixed(1)} s, ` +
        `last ${firsts.at(-1)?.toFixed(1)} s`,
    );
    // Seconds in which the lab sent at least 80 % of its link's rate, and the last such second.
    const perSecond = sentSamples.slice(1).map((b, i) => b - sentSamples[i]!);
    const busy = perSecond.map((b) => b >= 0.8 * uS);
    const lastBusy = busy.lastIndexOf(true) + 1;
    console.log(
      `  the lab's link: busy (≥ 80 % of ${seedMbit} Mbit/s) ${busy.filter(Boolean).length} of ${perSecond.length} s, ` +
        `the last busy second ended at ${lastBusy} s; the tail after it: ${(T - lastBusy).toFixed(1)} s`,
    );
    console.log(
      `  lab process: ${((after.cpu - before.cpu) / wall).toFixed(2)} of a core over ${wall.toFixed(1)} s, ` +
        `peak RSS ${peakRss.toFixed(0)} MiB`,
    );
    // The bots share the machine's cores with the lab: if they run out, T says so, not the swarm.
    console.log(`  attendees' processes: ${attendeesCores.toFixed(2)} cores together\n`);
  } finally {
    for (const child of children.slice(1)) child.stdin?.end();
    await new Promise((r) => setTimeout(r, 1000));
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await room.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
