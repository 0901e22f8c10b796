/**
 * The truth test's attendees, each on a classroom host of its own, each reporting what it
 * measured itself: when it finished, how many payload bytes it received, and how many of those
 * came from the seeder.
 *
 * - bots (tests/support/truth-bot.ts) and python3-libtorrent (truth-libtorrent.py) count bytes
 *   per peer themselves;
 * - aria2, Transmission and qBittorrent cannot say who sent what, so their hosts can reach the
 *   lab host only (`seederOnly`): every byte they received came from the seeder, and they finish
 *   with the whole pack. Their finish time is the mtime of the marker their own "download
 *   complete" hook writes.
 */
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What the truth test needs of a classroom host (tests/support/classroom.ts). */
export interface TruthHost {
  address: string;
  spawn(cmd: string, args?: string[], options?: SpawnOptions): ChildProcess;
  run(cmd: string, args?: string[]): string;
}

export interface TruthReport {
  /** The client's peer id, when it tells (bots); desktop clients are found by address. */
  peerId?: string;
  finishedAt: number | null;
  /** Payload bytes received in all. */
  received: number;
  /** Of which from the seeder. */
  fromSeeder: number;
}

export interface TruthClient {
  name: string;
  kind: 'bot' | 'desktop';
  host: TruthHost;
  /** The client's latest own report. */
  report(): TruthReport;
  output(): string;
  stop(): Promise<void>;
}

const tempDir = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), prefix));

function capture(child: ChildProcess, onLine?: (line: string) => void): () => string {
  let out = '';
  let partial = '';
  const add = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    out = (out + text).slice(-20_000);
    if (!onLine) return;
    partial += text;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) onLine(l);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', (c: Buffer) => (out = (out + c.toString('utf8')).slice(-20_000)));
  return () => out;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 4000);
  await exited;
  clearTimeout(timer);
}

/** The host may talk to the lab host only (and itself): nothing it receives is from a classmate. */
export function seederOnly(host: TruthHost, lab: string): void {
  host.run('iptables', ['-w', '-I', 'OUTPUT', '1', '!', '-o', 'lo', '!', '-d', lab, '-j', 'DROP']);
  host.run('iptables', ['-w', '-I', 'INPUT', '1', '!', '-i', 'lo', '!', '-s', lab, '-j', 'DROP']);
}

const markerTime = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : null);

/** A desktop client whose bytes all come from the seeder; it finishes with `length` bytes. */
function seederOnlyClient(
  name: string,
  host: TruthHost,
  child: ChildProcess,
  marker: string,
  length: number,
  dirs: string[],
): TruthClient {
  const output = capture(child);
  return {
    name,
    kind: 'desktop',
    host,
    report: () => {
      const finishedAt = markerTime(marker);
      // Until it finishes, the test uses only its finish; the bytes count once it has them all.
      const received = finishedAt === null ? 0 : length;
      return {
        finishedAt: finishedAt === null ? null : Math.round(finishedAt),
        received,
        fromSeeder: received,
      };
    },
    output,
    stop: async () => {
      await kill(child);
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

export function startAria2(host: TruthHost, torrentFile: string, port: number, length: number) {
  const dir = tempDir('swarmlab-truth-aria2-');
  const marker = path.join(dir, 'finished');
  const hook = path.join(dir, 'on-complete.sh');
  writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
  const child = host.spawn(
    'aria2c',
    [
      '--no-conf',
      '--enable-dht=false',
      '--enable-dht6=false',
      '--bt-enable-lpd=false',
      '--seed-time=0',
      `--listen-port=${port}`,
      `--dir=${path.join(dir, 'data')}`,
      `--on-bt-download-complete=${hook}`,
      '--file-allocation=none',
      '--summary-interval=0',
      '--console-log-level=warn',
      torrentFile,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return seederOnlyClient('aria2', host, child, marker, length, [dir]);
}

export function startTransmission(
  host: TruthHost,
  torrentFile: string,
  port: number,
  length: number,
) {
  const dir = tempDir('swarmlab-truth-transmission-');
  const marker = path.join(dir, 'finished');
  const script = path.join(dir, 'on-finish.sh');
  writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
  const config = path.join(dir, 'config');
  mkdirSync(config);
  writeFileSync(
    path.join(config, 'settings.json'),
    JSON.stringify({
      'dht-enabled': false,
      'lpd-enabled': false,
      'pex-enabled': true,
      'utp-enabled': true,
      'port-forwarding-enabled': false,
      'peer-port': port,
      'blocklist-enabled': false,
    }),
  );
  const child = host.spawn(
    'transmission-cli',
    [
      '-g',
      config,
      '-w',
      path.join(dir, 'data'),
      '-p',
      String(port),
      '-M',
      '-D',
      '-U',
      '-f',
      script,
      torrentFile,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return seederOnlyClient('Transmission', host, child, marker, length, [dir]);
}

export function startQbittorrent(
  host: TruthHost,
  torrentFile: string,
  port: number,
  length: number,
) {
  const dir = tempDir('swarmlab-truth-qbt-');
  const marker = path.join(dir, 'finished');
  const conf = path.join(dir, 'profile', 'qBittorrent', 'config');
  mkdirSync(conf, { recursive: true });
  // Its own profile: no desktop's settings leak in, the legal notice is accepted, DHT, LSD and
  // UPnP are off, and its "run on completion" hook marks when it finished.
  writeFileSync(
    path.join(conf, 'qBittorrent.conf'),
    [
      '[LegalNotice]',
      'Accepted=true',
      '',
      '[BitTorrent]',
      'Session\\DHTEnabled=false',
      'Session\\LSDEnabled=false',
      `Session\\Port=${port}`,
      '',
      '[Preferences]',
      'Connection\\UPnP=false',
      `WebUI\\Port=${port + 1}`,
      '',
      '[AutoRun]',
      'enabled=true',
      `program=touch ${marker}`,
      '',
    ].join('\n'),
  );
  const child = host.spawn(
    'qbittorrent-nox',
    [
      `--profile=${path.join(dir, 'profile')}`,
      `--save-path=${path.join(dir, 'data')}`,
      torrentFile,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return seederOnlyClient('qBittorrent', host, child, marker, length, [dir]);
}

/** A client that prints its own report as JSON lines (truth-bot.ts, truth-libtorrent.py). */
function reportingClient(
  name: string,
  kind: TruthClient['kind'],
  host: TruthHost,
  child: ChildProcess,
  read: (line: unknown) => TruthReport,
  dirs: string[],
): TruthClient {
  let last: TruthReport = { finishedAt: null, received: 0, fromSeeder: 0 };
  const output = capture(child, (line) => {
    if (!line.startsWith('{')) return;
    try {
      last = read(JSON.parse(line));
    } catch {
      // a line cut short by the kill: the previous report stands
    }
  });
  return {
    name,
    kind,
    host,
    report: () => last,
    output,
    stop: async () => {
      await kill(child);
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

const REPO = path.resolve(import.meta.dirname, '..', '..');

export function startTruthBot(host: TruthHost, base: string, nickname: string, seederId: string) {
  const child = host.spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO, 'tests/support/truth-bot.ts'), base, nickname],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: REPO },
  );
  return reportingClient(
    nickname,
    'bot',
    host,
    child,
    (raw) => {
      const r = raw as {
        peerId: string;
        finishedAt: number | null;
        totals: { peerId: string; downloaded: number }[];
      };
      return {
        peerId: r.peerId,
        finishedAt: r.finishedAt,
        received: r.totals.reduce((n, t) => n + t.downloaded, 0),
        fromSeeder: r.totals
          .filter((t) => t.peerId === seederId)
          .reduce((n, t) => n + t.downloaded, 0),
      };
    },
    [],
  );
}

export function startLibtorrent(host: TruthHost, torrentFile: string, port: number, lab: string) {
  const dir = tempDir('swarmlab-truth-lt-');
  const child = host.spawn(
    '/usr/bin/python3',
    [path.join(REPO, 'tests/support/truth-libtorrent.py'), torrentFile, dir, String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return reportingClient(
    'libtorrent',
    'desktop',
    host,
    child,
    (raw) => {
      const r = raw as {
        finishedAt: number | null;
        received: number;
        byPeer: Record<string, number>;
      };
      const fromSeeder = Object.entries(r.byPeer)
        .filter(([addr]) => addr.replace(/^::ffff:/, '').split(':')[0] === lab)
        .reduce((n, [, b]) => n + b, 0);
      return { finishedAt: r.finishedAt, received: r.received, fromSeeder };
    },
    [dir],
  );
}
