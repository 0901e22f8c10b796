/**
 * Real desktop BitTorrent clients (Debian's aria2, transmission-cli, qbittorrent-nox and
 * python3-libtorrent) for end-to-end tests. Each runs in its own temporary download and config
 * folders, with DHT, LSD and port mapping off so it finds the class swarm through the lab's
 * tracker alone, and on a classroom host of its own when given one (each its own laptop).
 * Always `stop()` in finally.
 */
import { spawn as spawnHere, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './net';

/** Where a client runs: a classroom host (tests/support/classroom.ts), or this namespace. */
export interface ClientHost {
  spawn(cmd: string, args?: string[], options?: SpawnOptions): ChildProcess;
}
const HERE: ClientHost = { spawn: (cmd, args = [], options = {}) => spawnHere(cmd, args, options) };

export type DesktopClientName = 'aria2' | 'Transmission' | 'qBittorrent' | 'libtorrent';

export interface DesktopClient {
  name: DesktopClientName;
  /** Where the torrent's folder is written. */
  downloadDir: string;
  /** Resolves when the client reports the download complete and verified. */
  finished: Promise<void>;
  /** What the client printed, for failure messages. */
  output(): string;
  /** Kills the client (if still running) and removes its folders. */
  stop(): Promise<void>;
}

function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

function capture(child: ChildProcess): () => string {
  let out = '';
  const add = (chunk: Buffer) => {
    out = (out + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => out;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  // transmission-cli sends "stopped" announces on SIGTERM and may take a while: don't wait long.
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/**
 * aria2c with --seed-time=0: it exits 0 once every piece is verified. `extra` options go before
 * the torrent (e.g. `--bt-require-crypto=true`).
 */
export async function startAria2(
  torrentFile: string,
  host = HERE,
  extra: string[] = [],
): Promise<DesktopClient> {
  const downloadDir = tempDir('swarmlab-aria2-');
  const child = host.spawn(
    'aria2c',
    [
      '--no-conf',
      '--enable-dht=false',
      '--enable-dht6=false',
      '--bt-enable-lpd=false',
      '--seed-time=0',
      `--listen-port=${await freePort()}`,
      `--dir=${downloadDir}`,
      '--file-allocation=none',
      '--summary-interval=0',
      '--console-log-level=warn',
      ...extra,
      torrentFile,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = capture(child);
  const finished = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`aria2c exited with ${signal ?? code}:\n${output()}`)),
    );
  });
  finished.catch(() => {}); // observed by the test; never an unhandled rejection
  return {
    name: 'aria2',
    downloadDir,
    finished,
    output,
    stop: async () => {
      await kill(child);
      rmSync(downloadDir, { recursive: true, force: true });
    },
  };
}

/**
 * transmission-cli keeps seeding after it finishes; its finish script (-f) drops a marker file
 * that we poll for. Settings go in its own config folder, so no desktop's settings leak in.
 */
export async function startTransmission(torrentFile: string, host = HERE): Promise<DesktopClient> {
  const downloadDir = tempDir('swarmlab-transmission-');
  const configDir = tempDir('swarmlab-transmission-config-');
  const marker = path.join(configDir, 'finished');
  const script = path.join(configDir, 'on-finish.sh');
  writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
  const port = await freePort();
  writeFileSync(
    path.join(configDir, 'settings.json'),
    JSON.stringify({
      'dht-enabled': false,
      'lpd-enabled': false,
      'pex-enabled': true,
      'utp-enabled': true,
      'port-forwarding-enabled': false,
      'peer-port': port,
      'speed-limit-up-enabled': false,
      'speed-limit-down-enabled': false,
      'blocklist-enabled': false,
    }),
  );
  const child = host.spawn(
    'transmission-cli',
    [
      '-g',
      configDir,
      '-w',
      downloadDir,
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
  const output = capture(child);
  const finished = markerFinished(child, marker, 'transmission-cli', output);
  return {
    name: 'Transmission',
    downloadDir,
    finished,
    output,
    stop: async () => {
      await kill(child);
      rmSync(downloadDir, { recursive: true, force: true });
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}

/** Resolves when a client's finish hook drops `marker`; rejects if the client exits first. */
function markerFinished(
  child: ChildProcess,
  marker: string,
  what: string,
  output: () => string,
): Promise<void> {
  const finished = new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (existsSync(marker)) {
        clearInterval(poll);
        resolve();
      }
    }, 200);
    child.once('error', (err) => {
      clearInterval(poll);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearInterval(poll);
      if (!existsSync(marker))
        reject(new Error(`${what} exited early (${signal ?? code}):\n${output()}`));
    });
  });
  finished.catch(() => {}); // observed by the test; never an unhandled rejection
  return finished;
}

/**
 * qbittorrent-nox 4.5 with a profile of its own: legal notice accepted, no web UI, DHT, LSD and
 * port mapping off, and an "on finished" program (AutoRun) that drops a marker we poll for.
 * With `socks5` ("host:port"): the settings the privacy lesson gives (Options → Connection →
 * Proxy server: SOCKS5, "Use proxy for peer connections"), as qBittorrent 4.5 stores them.
 */
export async function startQbittorrent(
  torrentFile: string,
  host = HERE,
  socks5?: string,
): Promise<DesktopClient> {
  const downloadDir = tempDir('swarmlab-qbittorrent-');
  const profileDir = tempDir('swarmlab-qbittorrent-profile-');
  const marker = path.join(profileDir, 'finished');
  const configDir = path.join(profileDir, 'qBittorrent', 'config');
  mkdirSync(configDir, { recursive: true });
  const port = await freePort();
  writeFileSync(
    path.join(configDir, 'qBittorrent.conf'),
    [
      '[LegalNotice]',
      'Accepted=true',
      '[AutoRun]',
      'enabled=true',
      `program=touch ${marker}`,
      '[BitTorrent]',
      'Session\\DHTEnabled=false',
      'Session\\LSDEnabled=false',
      'Session\\PeXEnabled=true',
      `Session\\Port=${port}`,
      'Session\\QueueingSystemEnabled=false',
      `Session\\DefaultSavePath=${downloadDir}`,
      ...(socks5 ? ['Session\\ProxyPeerConnections=true'] : []),
      '[Network]',
      'PortForwardingEnabled=false',
      ...(socks5
        ? [
            'Proxy\\Type=SOCKS5',
            `Proxy\\IP=${socks5.split(':')[0]}`,
            `Proxy\\Port=${socks5.split(':')[1]}`,
            'Proxy\\OnlyForTorrents=true',
          ]
        : []),
      '[Preferences]',
      'WebUI\\Enabled=false',
      `WebUI\\Port=${await freePort()}`,
      'Connection\\UPnP=false',
      '',
    ].join('\n'),
  );
  const child = host.spawn(
    'qbittorrent-nox',
    [`--profile=${profileDir}`, `--save-path=${downloadDir}`, torrentFile],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = capture(child);
  return {
    name: 'qBittorrent',
    downloadDir,
    finished: markerFinished(child, marker, 'qbittorrent-nox', output),
    output,
    stop: async () => {
      await kill(child);
      rmSync(downloadDir, { recursive: true, force: true });
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

export interface LibtorrentOptions {
  socks5?: string;
  encryption?: 'forced' | 'disabled';
  port?: number;
}

const LIBTORRENT_SCRIPT = fileURLToPath(new URL('./libtorrent-client.py', import.meta.url));

/**
 * python3-libtorrent 2.0 (Debian's, hence /usr/bin/python3): exits 0 once it is seeding.
 * With `socks5` ("host:port") every tracker and peer connection goes through that proxy; with
 * `encryption` its in/out policies are libtorrent's `pe_forced` or `pe_disabled` (default
 * `pe_enabled`); `port` is its listen port (default a free one).
 */
export async function startLibtorrent(
  torrentFile: string,
  host = HERE,
  { socks5, encryption, port }: LibtorrentOptions = {},
): Promise<DesktopClient> {
  const downloadDir = tempDir('swarmlab-libtorrent-');
  const child = host.spawn(
    '/usr/bin/python3',
    [
      LIBTORRENT_SCRIPT,
      torrentFile,
      downloadDir,
      String(port ?? (await freePort())),
      ...(socks5 ? [socks5] : []),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(encryption ? { SWARMLAB_LT_ENCRYPTION: encryption } : {}) },
    },
  );
  const output = capture(child);
  const finished = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`libtorrent exited with ${signal ?? code}:\n${output()}`)),
    );
  });
  finished.catch(() => {}); // observed by the test; never an unhandled rejection
  return {
    name: 'libtorrent',
    downloadDir,
    finished,
    output,
    stop: async () => {
      await kill(child);
      rmSync(downloadDir, { recursive: true, force: true });
    },
  };
}

/** Starts the named client on `host`. */
export function startClient(
  name: DesktopClientName,
  torrentFile: string,
  host = HERE,
): Promise<DesktopClient> {
  const start = {
    aria2: startAria2,
    Transmission: startTransmission,
    qBittorrent: startQbittorrent,
    libtorrent: startLibtorrent,
  }[name];
  return start(torrentFile, host);
}

/** sha256 of every file directly in `dir`, by name. */
export function hashFiles(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(path.join(dir, name)))
          .digest('hex'),
      ]),
  );
}
