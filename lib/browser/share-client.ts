/**
 * Attendees' own torrents in the browser: `startShare` hashes files into a torrent, seeds it and
 * registers it with the lab (metadata only: the files never leave this browser except to peers);
 * `startFetch` downloads one from the class index, a magnet or a QR code, and then seeds it.
 * Framework-free; React subscribes through `subscribe`.
 */
import type { SharedEntry } from '../protocol';
import { connectLab, type LabClientSocket, type LabConnection } from './lab-connection';
import { formatBytes } from '../format';
import type { IceServer } from '../lab-info';
import type { default as Client, Torrent } from 'webtorrent';
import { ensureSubtleDigest } from './subtle-digest';

export interface ShareFile {
  name: string;
  length: number;
  url: string;
}

export interface ShareState {
  phase:
    | 'starting'
    | 'hashing'
    | 'registering'
    | 'seeding'
    | 'connecting'
    | 'downloading'
    | 'done'
    | 'error';
  message: string | null;
  peerId: string | null;
  /** Hashing progress while creating a torrent, 0 to 1. */
  hashed: number;
  infoHash: string | null;
  name: string | null;
  length: number;
  pieceLength: number;
  pieceCount: number;
  magnet: string | null;
  /** A blob: URL of the .torrent file. */
  torrentUrl: string | null;
  progress: number;
  uploaded: number;
  downloadRate: number;
  uploadRate: number;
  peers: number;
  files: ShareFile[];
}

export interface ShareSession {
  getState(): ShareState;
  subscribe(fn: () => void): () => void;
  destroy(): void;
}

const INITIAL: ShareState = {
  phase: 'starting',
  message: null,
  peerId: null,
  hashed: 0,
  infoHash: null,
  name: null,
  length: 0,
  pieceLength: 0,
  pieceCount: 0,
  magnet: null,
  torrentUrl: null,
  progress: 0,
  uploaded: 0,
  downloadRate: 0,
  uploadRate: 0,
  peers: 0,
  files: [],
};

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

/** The info hash in a magnet link or a bare hash, lower-case hex; null if there is none. */
export function infoHashOf(input: string): string | null {
  const m = /(?:^|btih:)([0-9a-fA-F]{40})(?:$|&)/.exec(input.trim());
  return m ? m[1]!.toLowerCase() : null;
}

function createSession(
  origin: string,
  run: (ctx: {
    client: Client;
    socket: LabClientSocket;
    ws: string;
    set: (patch: Partial<ShareState>) => void;
    get: () => ShareState;
    track: (url: string) => string;
    watch: (t: Torrent) => void;
  }) => Promise<void>,
): ShareSession {
  let state = INITIAL;
  const listeners = new Set<() => void>();
  const set = (patch: Partial<ShareState>) => {
    state = { ...state, ...patch };
    for (const fn of listeners) fn();
  };
  let client: Client | null = null;
  let link: LabConnection | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let destroyed = false;
  const urls: string[] = [];

  void (async () => {
    try {
      ensureSubtleDigest();
      const res = await fetch(`${origin}/api/lab`, { cache: 'no-store' });
      if (!res.ok) throw new Error('The lab server did not answer. Is it still running?');
      const lab = (await res.json()) as { trackers: { ws: string }; iceServers?: IceServer[] };
      const { default: WebTorrent } = await import('webtorrent/dist/webtorrent.min.js');
      if (destroyed) return;
      // The lab's own STUN/TURN (see class-peer.ts), never a public one.
      client = new WebTorrent({ tracker: { rtcConfig: { iceServers: lab.iceServers ?? [] } } });
      client.on('error', (err) =>
        set({ phase: 'error', message: typeof err === 'string' ? err : err.message }),
      );
      link = connectLab({ origin });
      set({ peerId: client.peerId });
      await run({
        client,
        socket: link.socket,
        ws: lab.trackers.ws,
        set,
        get: () => state,
        track: (url) => {
          urls.push(url);
          return url;
        },
        watch: (t) => {
          timer = setInterval(() => {
            set({
              progress: t.progress,
              uploaded: t.uploaded,
              downloadRate: t.downloadSpeed,
              uploadRate: t.uploadSpeed,
              peers: t.wires.filter((w) => w.peerId).length,
            });
          }, 500);
        },
      });
    } catch (err) {
      set({ phase: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  })();

  return {
    getState: () => state,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    destroy() {
      destroyed = true;
      if (timer) clearInterval(timer);
      link?.close();
      client?.destroy();
      for (const url of urls) URL.revokeObjectURL(url);
    },
  };
}

/** Hashes `files` into a torrent, seeds it, and registers it on the class index. */
export function startShare(opts: {
  files: File[];
  nickname: string;
  origin?: string;
}): ShareSession {
  return createSession(opts.origin ?? window.location.origin, async (c) => {
    const total = opts.files.reduce((n, f) => n + f.size, 0);
    const limits = (await (
      await fetch(`${opts.origin ?? window.location.origin}/api/shared`, { cache: 'no-store' })
    ).json()) as {
      maxBytes?: number;
    };
    if (limits.maxBytes && total > limits.maxBytes) {
      // Checked again by the lab; refusing here saves hashing a file the lab would not list.
      throw new Error(
        `That is ${formatBytes(total)}; the lab accepts torrents up to ${formatBytes(limits.maxBytes)}.`,
      );
    }
    c.set({ phase: 'hashing' });
    const torrent = await new Promise<Torrent>((resolve) => {
      // Always the lab's tracker only: otherwise WebTorrent would add public ones.
      c.client.seed(
        opts.files,
        {
          announce: [c.ws],
          onProgress: (done, total) => c.set({ hashed: total ? done / total : 0 }),
        },
        resolve,
      );
    });
    const torrentUrl = c.track(
      URL.createObjectURL(
        new Blob([torrent.torrentFile as BlobPart], { type: 'application/x-bittorrent' }),
      ),
    );
    c.set({
      phase: 'registering',
      hashed: 1,
      infoHash: torrent.infoHash,
      name: torrent.name,
      length: torrent.length,
      pieceLength: torrent.pieceLength,
      pieceCount: torrent.pieces.length,
      torrentUrl,
      progress: 1,
    });
    const reply = await c.socket.emitWithAck('share:register', {
      infoHash: torrent.infoHash,
      name: torrent.name,
      length: torrent.length,
      pieceCount: torrent.pieces.length,
      pieceLength: torrent.pieceLength,
      torrentFile: toBase64(torrent.torrentFile),
      nickname: opts.nickname,
    });
    if (!reply.ok || !reply.entry) {
      c.set({
        phase: 'error',
        message: `The lab refused this torrent: ${reply.error ?? 'no reason given'}`,
      });
      return;
    }
    const entry: SharedEntry = reply.entry;
    // The tracker refused the announce made before registration; announce again now it is allowed.
    torrent.discovery?.tracker?.start();
    c.set({ phase: 'seeding', magnet: entry.magnet, name: entry.name });
    c.watch(torrent);
  });
}

/** Downloads a shared torrent (by info hash or magnet link), then keeps seeding it. */
export function startFetch(opts: { source: string; origin?: string }): ShareSession {
  const origin = opts.origin ?? window.location.origin;
  return createSession(origin, async (c) => {
    c.set({ phase: 'connecting' });
    const hash = infoHashOf(opts.source);
    let id: Uint8Array | string = opts.source.trim();
    if (hash) {
      const res = await fetch(`${origin}/shared/${hash}.torrent?for=browser`, {
        cache: 'no-store',
      });
      if (res.ok) id = new Uint8Array(await res.arrayBuffer());
      else if (!id.startsWith('magnet:'))
        throw new Error('That torrent is not on the class index (any more).');
    } else if (!id.startsWith('magnet:')) {
      throw new Error(
        'Paste a magnet link (magnet:?xt=urn:btih:…) or pick a torrent from the class index.',
      );
    }
    const torrent = c.client.add(id, { announce: [c.ws] });
    torrent.on('warning', (err: Error) => c.set({ message: err.message }));
    torrent.on('ready', () =>
      c.set({
        phase: 'downloading',
        infoHash: torrent.infoHash,
        name: torrent.name,
        length: torrent.length,
        pieceLength: torrent.pieceLength,
        pieceCount: torrent.pieces.length,
      }),
    );
    torrent.on('done', () => {
      void (async () => {
        const files: ShareFile[] = [];
        for (const f of torrent.files) {
          files.push({
            name: f.name,
            length: f.length,
            url: c.track(URL.createObjectURL(await f.blob())),
          });
        }
        c.set({ phase: 'done', progress: 1, files });
      })();
    });
    c.watch(torrent);
  });
}
